// The code a replay evaluates in the page, run here in a sandbox with a fake fetch: hostile
// values (from a server or a user) reach fetch() as the same strings and never run as code.
import { describe, expect, it } from 'vitest';
import vm from 'node:vm';
import { pageSandbox as page } from './sandbox.ts';
import { literal, readCode, readOutcome, startCode } from '../../../src/panel/replay/page-code.ts';
import type { ReplayRequest } from '../../../src/panel/replay/request.ts';

const HOSTILE = [
  `"); globalThis.pwned = 1; ("`,
  `'); globalThis.pwned = 1; ('`,
  '`${globalThis.pwned = 1}`',
  '</script><script>globalThis.pwned = 1</script>',
  '*/ globalThis.pwned = 1; /*',
  '\u2028globalThis.pwned = 1\u2029',
  '\\"); globalThis.pwned = 1; //',
  '\ud800 lone surrogate',
  '"]]}); globalThis.pwned = 1; ({"',
];

const request = (v: string): ReplayRequest => ({
  url: `https://api.example.com/x?q=${v}`,
  method: 'POST',
  headers: [
    ['Authorization', `Bearer ${v}`],
    [v, v],
  ],
  credentials: 'include',
  body: v,
});

describe('startCode / readCode', () => {
  it.each(HOSTILE)('hostile value %j stays data', async (v) => {
    const p = page();
    const code = startCode(request(v), v);
    // the code is the fixed function applied to JSON literals, nothing else
    expect(code.endsWith(`(${literal(request(v))}, ${literal(v)})`)).toBe(true);
    expect(vm.runInContext(code, p.ctx)).toEqual({ origin: 'https://app.example.com' });
    await p.settle();
    expect(vm.runInContext('globalThis.pwned', p.ctx)).toBeUndefined();
    expect(p.calls).toHaveLength(1);
    const { url, init } = p.calls[0]!;
    expect(url).toBe(`https://api.example.com/x?q=${v}`);
    expect(init.method).toBe('POST');
    expect(init.headers.list).toEqual(request(v).headers);
    expect(init.body).toBe(v);
    expect(init.credentials).toBe('include');
    expect(init.cache).toBe('no-store');
    const out = vm.runInContext(readCode(v), p.ctx);
    expect(out).toMatchObject({ state: 'done', status: 200, body: '{"ok":true}' });
    // read once: the slot is cleared
    expect(vm.runInContext(readCode(v), p.ctx)).toBeNull();
  });

  it('a key never reads another replay’s slot', async () => {
    const p = page();
    vm.runInContext(startCode(request('a'), 'k1'), p.ctx);
    await p.settle();
    expect(vm.runInContext(readCode('k2'), p.ctx)).toBeNull();
    expect(vm.runInContext(readCode('k1'), p.ctx)).toMatchObject({ state: 'done' });
  });

  it('pending until fetch answers; a network error or CORS refusal is an error outcome', async () => {
    let release: (r: Response) => void = () => {};
    const p = page(() => new Promise<Response>((r) => (release = r)));
    vm.runInContext(startCode(request('x'), 'k'), p.ctx);
    expect(vm.runInContext(readCode('k'), p.ctx)).toMatchObject({ state: 'pending' });
    await new Promise((r) => setTimeout(r, 0));
    expect(vm.runInContext(readCode('k'), p.ctx)).toMatchObject({ state: 'pending' });
    release(new Response('nope', { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } }));
    await p.settle();
    expect(vm.runInContext(readCode('k'), p.ctx)).toMatchObject({
      state: 'done',
      status: 401,
      headers: expect.arrayContaining([{ name: 'www-authenticate', value: 'Bearer' }]),
    });
    const q = page(() => Promise.reject(new TypeError('Failed to fetch')));
    vm.runInContext(startCode(request('x'), 'k'), q.ctx);
    await q.settle();
    expect(vm.runInContext(readCode('k'), q.ctx)).toMatchObject({ state: 'error', error: 'Failed to fetch' });
  });

  it('a GET carries no body', async () => {
    const p = page();
    vm.runInContext(
      startCode({ url: 'https://a.example/', method: 'GET', headers: [], credentials: 'omit' }, 'k'),
      p.ctx,
    );
    await p.settle();
    expect('body' in p.calls[0]!.init).toBe(false);
  });
});

describe('readOutcome', () => {
  it('checks what the page stored, field by field (the page could write anything there)', () => {
    expect(readOutcome(null)).toBeUndefined();
    expect(readOutcome('done')).toBeUndefined();
    expect(readOutcome({ state: 'weird' })).toBeUndefined();
    expect(readOutcome({ state: 'pending' })).toEqual({ state: 'pending' });
    expect(readOutcome({ state: 'error', error: 5 })).toEqual({ state: 'error', error: '', started: 0, ended: 0 });
    const o = readOutcome({
      state: 'done',
      status: '200',
      statusText: 'OK',
      url: 'https://a.example/',
      headers: [{ name: 'a', value: 'b' }, { name: 1 }, null],
      body: 'x'.repeat(200_000),
      redirected: 'yes',
    });
    expect(o).toMatchObject({ state: 'done', status: 0, headers: [{ name: 'a', value: 'b' }], redirected: false });
    expect(o?.state === 'done' && o.body.length).toBe(64 * 1024);
  });
});
