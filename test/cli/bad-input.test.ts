// Every kind of bad input: exit 2, one line on stderr naming what is wrong, nothing on stdout
// (never a partial report that looks complete), never a stack trace.
import { mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './run.ts';

const dir = mkdtempSync(join(tmpdir(), 'authlens-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const entry = (over: Record<string, unknown> = {}, res: Record<string, unknown> = {}) => ({
  startedDateTime: '2026-01-01T00:00:00Z',
  request: { method: 'GET', url: 'https://api.example.com/me', headers: [] },
  response: { status: 401, headers: [], content: { mimeType: 'text/plain', text: 'no' }, ...res },
  ...over,
});
const har = (entries: unknown[]): string => JSON.stringify({ log: { version: '1.2', entries } });

async function refused(args: string[], reason: RegExp, stdin?: (Uint8Array | string)[], tty?: boolean): Promise<void> {
  const r = await run(['explain', ...args], { ...(stdin ? { stdin } : {}), ...(tty ? { tty } : {}) });
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^authlens: /);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).toMatch(reason);
}

describe('authlens explain: bad input is refused with one line and exit 2', () => {
  it('not JSON', () => refused([file('html.har', '<html>nope</html>')], /html\.har: not JSON: '<' at byte 0/));
  it('JSON with a syntax error inside an entry', () =>
    refused([file('syntax.har', '{"log":{"entries":[{"request":}]}}')], /not JSON: entry 0 .* does not parse/));
  it('JSON that is not a HAR', async () => {
    await refused([file('obj.json', '{"hello":"world"}')], /not a HAR file: no log\.entries array/);
    await refused([file('arr.json', '[1,2,3]')], /not a HAR file: the top level is not an object/);
    await refused([file('log.json', '{"log":{"entries":{}}}')], /log\.entries is not an array/);
  });
  it('truncated', async () => {
    const whole = har([entry(), entry()]);
    await refused([file('cut.har', whole.slice(0, whole.length - 40))], /truncated: the file ends inside log\.entries/);
    await refused([file('cut2.har', whole.slice(0, whole.length - 2))], /truncated/);
  });
  it('entries missing fields', async () => {
    await refused([file('noresp.har', har([entry(), { request: entry().request }]))], /entry 1 has no response/);
    await refused(
      [file('nourl.har', har([entry({ request: { method: 'GET', headers: [] } })]))],
      /entry 0: request\.url is missing/,
    );
    await refused([file('nostatus.har', har([entry({}, { status: '401' })]))], /response\.status is missing/);
  });
  it('headers that are not arrays', async () => {
    await refused(
      [file('hdr.har', har([entry({}, { headers: { 'www-authenticate': 'Bearer' } })]))],
      /response\.headers is not an array/,
    );
    await refused(
      [file('hdr2.har', har([entry({ request: { method: 'GET', url: 'https://a/', headers: [{ name: 1 }] } })]))],
      /request\.headers\[0\] is not a \{name, value\} pair/,
    );
  });
  it('a header no server would take', () =>
    refused(
      [file('bighdr.har', har([entry({}, { headers: [{ name: 'X-Big', value: 'x'.repeat(200_000) }] })]))],
      /response header "X-Big" is 196 KB: over the 128 KB any server accepts/,
    ));
  it('base64 bodies that do not decode', () =>
    refused(
      [
        file(
          'b64.har',
          har([entry({}, { content: { mimeType: 'application/json', text: '%%%not', encoding: 'base64' } })]),
        ),
      ],
      /entry 0: response\.content\.text says base64 but does not decode/,
    ));
  it('a 2 GB file (sparse: nothing is read)', () => {
    const p = join(dir, 'huge.har');
    const fd = openSync(p, 'w');
    ftruncateSync(fd, 2 * 1024 ** 3);
    closeSync(fd);
    return refused([p], /huge\.har is 2\.0 GB: over the 1\.0 GB a HAR import reads/);
  });
  it('a directory', () => {
    mkdirSync(join(dir, 'captures.har'));
    return refused([join(dir, 'captures.har')], /captures\.har is a directory, not a HAR file/);
  });
  it('a missing file', () => refused([join(dir, 'nope.har')], /nope\.har: no such file/));
  it('a file that cannot be read', () =>
    refused([join(dir, 'html.har', 'x.har')], /x\.har: a part of the path is not a directory/));
  it('- with nothing on stdin', () => refused(['-'], /stdin: empty: no JSON at all/, []));
  it('- on a terminal (nothing piped in): refused, not waited on', () =>
    refused(['-'], /stdin is a terminal/, [], true));
  it('stdin that fails mid-read', async () => {
    const failing = (async function* () {
      yield '{"log":{"entries":[';
      throw new Error('EIO: i/o error');
    })();
    const r = await run(['explain', '-'], { stdin: failing });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^authlens: stdin: cannot read the input: EIO: i\/o error\n$/);
  });
  it('bad flags and arguments', async () => {
    for (const [args, reason] of [
      [['--format', 'xml', 'a.har'], /--format xml: use text, markdown, json, junit/],
      [['--fail-on', 'info', 'a.har'], /--fail-on info: use error, warning, never/],
      [[], /explain takes one HAR file/],
      [['--frobnicate', 'a.har'], /Unknown option '--frobnicate'/],
    ] as const)
      await refused([...args], reason);
    const r = await run(['frob']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'authlens: unknown command "frob": use explain, discover or mcp (authlens --help)\n',
    });
  });
});
