// The zip writer, read back by independent readers: JSZip (verifies every CRC-32) and yauzl
// (strict about the central directory and entry sizes). Both come with web-ext / puppeteer-core.
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import JSZip from 'jszip';
import yauzl from 'yauzl';
import fc from 'fast-check';
import { checkEntryName, dosDateTime, zip, type ZipEntry } from '../../scripts/zip.ts';

async function readWithJSZip(buf: Buffer): Promise<Map<string, Buffer>> {
  const z = await JSZip.loadAsync(buf, { checkCRC32: true });
  const out = new Map<string, Buffer>();
  for (const f of Object.values(z.files)) out.set(f.name, await f.async('nodebuffer'));
  return out;
}

interface YEntry {
  name: string;
  method: number;
  size: number;
  compressed: number;
  mode: number;
  date: Date;
  data: Buffer;
}

function readWithYauzl(buf: Buffer): Promise<YEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (err, zf) => {
      if (err || !zf) return reject(err);
      const out: YEntry[] = [];
      zf.on('error', reject);
      zf.on('end', () => resolve(out));
      zf.on('entry', (e: yauzl.Entry) => {
        zf.openReadStream(e, (err2, stream) => {
          if (err2 || !stream) return reject(err2);
          const parts: Buffer[] = [];
          stream.on('data', (c: Buffer) => parts.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            out.push({
              name: e.fileName,
              method: e.compressionMethod,
              size: e.uncompressedSize,
              compressed: e.compressedSize,
              mode: (e.externalFileAttributes >>> 16) & 0o7777,
              date: e.getLastModDate(),
              data: Buffer.concat(parts),
            });
            zf.readEntry();
          });
        });
      });
      zf.readEntry();
    });
  });
}

describe('zip', () => {
  it('round-trips text, binary, nested and UTF-8 names through two independent readers', async () => {
    const entries: ZipEntry[] = [
      { name: 'manifest.json', data: JSON.stringify({ a: 'x'.repeat(500) }) },
      { name: 'icons/icon-16.png', data: randomBytes(300) },
      { name: 'assets/deep/ünïcødé ✓.txt', data: 'héllo' },
      { name: 'empty.txt', data: '' },
      { name: 'run.sh', data: '#!/bin/sh\necho hi\n', mode: 0o755 },
    ];
    const buf = zip(entries);
    const js = await readWithJSZip(buf);
    expect([...js.keys()].sort()).toEqual(entries.map((e) => e.name).sort());
    for (const e of entries) expect(js.get(e.name)!.equals(Buffer.from(e.data))).toBe(true);

    const y = await readWithYauzl(buf);
    expect(y.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    for (const [i, e] of entries.entries()) expect(y[i]!.data.equals(Buffer.from(e.data))).toBe(true);
    expect(y.find((e) => e.name === 'run.sh')!.mode).toBe(0o755);
    expect(y.find((e) => e.name === 'empty.txt')!.mode).toBe(0o644);
  });

  it('deflates what shrinks and stores what does not', async () => {
    const y = await readWithYauzl(
      zip([
        { name: 'text.txt', data: 'abc'.repeat(1000) },
        { name: 'noise.bin', data: randomBytes(2000) },
      ]),
    );
    const text = y.find((e) => e.name === 'text.txt')!;
    const noise = y.find((e) => e.name === 'noise.bin')!;
    expect(text.method).toBe(8);
    expect(text.compressed).toBeLessThan(text.size);
    expect(noise.method).toBe(0);
    expect(noise.compressed).toBe(2000);
  });

  it('level 0 stores every entry', async () => {
    const y = await readWithYauzl(zip([{ name: 'a.txt', data: 'a'.repeat(1000) }], { level: 0 }));
    expect(y[0]!.method).toBe(0);
    expect(y[0]!.data.toString()).toBe('a'.repeat(1000));
  });

  it('is deterministic and carries the given timestamp', async () => {
    const mtime = new Date(Date.UTC(2026, 10, 22, 18, 30, 42));
    const entries: ZipEntry[] = [
      { name: 'a.txt', data: 'one' },
      { name: 'b/c.txt', data: 'two' },
    ];
    const a = zip(entries, { mtime });
    expect(a.equals(zip(entries, { mtime }))).toBe(true);
    expect(a.equals(zip(entries, { mtime: new Date(Date.UTC(2026, 10, 22, 18, 30, 44)) }))).toBe(false);
    const y = await readWithYauzl(a);
    // yauzl reads DOS time as local wall time; we wrote UTC fields, so compare the fields.
    const d = y[0]!.date;
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()]).toEqual([
      2026, 10, 22, 18, 30, 42,
    ]);
  });

  it('encodes DOS date and time words per APPNOTE 4.4.6', () => {
    expect(dosDateTime(new Date(Date.UTC(1980, 0, 1, 0, 0, 0)))).toEqual({ date: 0x21, time: 0 });
    expect(dosDateTime(new Date(Date.UTC(2107, 11, 31, 23, 59, 59)))).toEqual({
      date: (127 << 9) | (12 << 5) | 31,
      time: (23 << 11) | (59 << 5) | 29,
    });
    expect(() => dosDateTime(new Date(Date.UTC(1979, 11, 31)))).toThrow(/1980/);
  });

  it('rejects names that would escape the target folder, and duplicates', () => {
    for (const bad of ['', '/etc/passwd', '../x', 'a/../../x', 'a\\b', 'C:/x', 'a//b', './a', 'a/']) {
      expect(() => checkEntryName(bad), bad).toThrow(/bad zip entry name/);
      expect(() => zip([{ name: bad, data: 'x' }]), bad).toThrow(/bad zip entry name/);
    }
    expect(() =>
      zip([
        { name: 'a', data: '1' },
        { name: 'a', data: '2' },
      ]),
    ).toThrow(/duplicate/);
  });

  it('the CRC-32 written is the one readers check (a flipped data byte is caught)', async () => {
    const buf = zip([{ name: 'a.txt', data: 'stored, not deflated' }], { level: 0 });
    await expect(readWithJSZip(buf)).resolves.toBeDefined();
    const bad = Buffer.from(buf);
    const at = 30 + 'a.txt'.length;
    bad[at] = bad[at]! ^ 0xff; // first data byte after the local header
    await expect(readWithJSZip(bad)).rejects.toThrow(/crc32/i);
  });

  it('an empty archive is valid', async () => {
    const buf = zip([]);
    expect(buf.length).toBe(22);
    expect(await readWithYauzl(buf)).toEqual([]);
  });

  it('any set of entries reads back byte for byte (property)', async () => {
    const name = fc
      .array(fc.stringMatching(/^[a-zA-Z0-9_\-ü✓ ]{1,12}$/), { minLength: 1, maxLength: 3 })
      .map((p) => p.join('/'));
    await fc.assert(
      fc.asyncProperty(
        fc
          .uniqueArray(fc.record({ name, data: fc.uint8Array({ maxLength: 3000 }) }), {
            selector: (e) => e.name,
            maxLength: 8,
          })
          // a name can't be both a file and a folder of another entry for JSZip's folder view
          .filter((es) => es.every((a) => es.every((b) => !b.name.startsWith(a.name + '/')))),
        fc.integer({ min: 0, max: 9 }),
        async (entries, level) => {
          const js = await readWithJSZip(zip(entries, { level }));
          const files = [...js.entries()].filter(([n]) => !n.endsWith('/'));
          expect(files.length).toBe(entries.length);
          for (const e of entries) expect(js.get(e.name)!.equals(Buffer.from(e.data))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
