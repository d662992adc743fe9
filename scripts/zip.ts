// A small ZIP writer (PKWARE APPNOTE 6.3.x, no ZIP64) so packaging needs no `zip` binary.
// Stores names as UTF-8 (general-purpose flag bit 11), deflates with node:zlib and stores an
// entry as-is when deflate would not shrink it. The same entries and mtime give the same bytes,
// so a store upload can be rebuilt and compared.
// Format: https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** path inside the archive, forward slashes, relative (no leading '/', no '..') */
  name: string;
  data: Uint8Array | string;
  /** unix permission bits; 0o644 by default (0o755 keeps a script executable) */
  mode?: number;
}

export interface ZipOptions {
  /** one timestamp for every entry (DOS time: 1980..2107, 2 s resolution) */
  mtime?: Date;
  /** zlib level 0..9; 0 stores everything */
  level?: number;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const UTF8_FLAG = 0x0800;
const VERSION = 20; // 2.0: deflate
const MADE_BY_UNIX = (3 << 8) | VERSION; // upper byte 3 = UNIX, so external attrs carry the mode
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;
const DEFAULT_MTIME = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

/** Throws on names a zip reader would resolve outside its target folder, or that are ambiguous. */
export function checkEntryName(name: string): void {
  if (name === '' || name.startsWith('/') || name.includes('\\') || /^[a-zA-Z]:/.test(name)) {
    throw new Error(`bad zip entry name: ${JSON.stringify(name)}`);
  }
  if (name.split('/').some((part) => part === '..' || part === '.' || part === '')) {
    throw new Error(`bad zip entry name: ${JSON.stringify(name)}`);
  }
}

/** MS-DOS date and time words, in local-free UTC (readers show it as wall time). */
export function dosDateTime(d: Date): { date: number; time: number } {
  const year = d.getUTCFullYear();
  if (year < 1980 || year > 2107) throw new Error(`zip timestamps cover 1980..2107, got ${year}`);
  return {
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

export function zip(entries: readonly ZipEntry[], opts: ZipOptions = {}): Buffer {
  if (entries.length > MAX16) throw new Error(`too many entries for a zip without ZIP64: ${entries.length}`);
  const { date, time } = dosDateTime(opts.mtime ?? DEFAULT_MTIME);
  const level = opts.level ?? 9;
  const seen = new Set<string>();
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;

  for (const e of entries) {
    checkEntryName(e.name);
    if (seen.has(e.name)) throw new Error(`duplicate zip entry: ${e.name}`);
    seen.add(e.name);
    const raw =
      typeof e.data === 'string'
        ? Buffer.from(e.data, 'utf8')
        : Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength);
    const deflated = level > 0 ? deflateRawSync(raw, { level }) : undefined;
    const useDeflate = deflated !== undefined && deflated.length < raw.length;
    const body = useDeflate ? deflated : raw;
    const method = useDeflate ? 8 : 0;
    const crc = crc32(raw) >>> 0;
    const name = Buffer.from(e.name, 'utf8');
    if (raw.length > MAX32 || offset > MAX32) throw new Error('zip too large without ZIP64');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(UTF8_FLAG, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(CENTRAL, 0);
    cen.writeUInt16LE(MADE_BY_UNIX, 4);
    cen.writeUInt16LE(VERSION, 6);
    cen.writeUInt16LE(UTF8_FLAG, 8);
    cen.writeUInt16LE(method, 10);
    cen.writeUInt16LE(time, 12);
    cen.writeUInt16LE(date, 14);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(body.length, 20);
    cen.writeUInt32LE(raw.length, 24);
    cen.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number start, internal attributes: all 0
    cen.writeUInt32LE(((0o100000 | (e.mode ?? 0o644)) << 16) >>> 0, 38); // S_IFREG | mode
    cen.writeUInt32LE(offset, 42);

    chunks.push(local, name, body);
    central.push(cen, name);
    offset += local.length + name.length + body.length;
  }

  const cdSize = central.reduce((n, b) => n + b.length, 0);
  if (offset > MAX32 || cdSize > MAX32) throw new Error('zip too large without ZIP64');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}
