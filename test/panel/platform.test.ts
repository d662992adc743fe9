// inspectedEval: devtools.inspectedWindow.eval in each of its shapes (Chrome's callback,
// Firefox's and the polyfill's promise of [result, exceptionInfo]), as one promise.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as PlatformModule from '../../src/panel/platform.ts';

let m: typeof PlatformModule;
const devtools: { inspectedWindow?: Record<string, unknown> } = {};
const g = globalThis as Record<string, unknown>;

beforeAll(async () => {
  const fake = { runtime: { id: 'authlens@test' }, devtools };
  g.chrome = fake;
  g.browser = fake;
  m = await import('../../src/panel/platform.ts');
});

describe('inspectedEval', () => {
  it('is absent outside DevTools', () => {
    delete devtools.inspectedWindow;
    expect(m.inspectedEval()).toBeUndefined();
  });

  it('Chrome: calls back with (result, exceptionInfo); runs the code once', async () => {
    const runs: string[] = [];
    devtools.inspectedWindow = {
      tabId: 3,
      eval: (expr: string, _o: object, cb: (r: unknown, e: unknown) => void) => {
        runs.push(expr);
        setTimeout(() =>
          expr === 'boom' ? cb(undefined, { isException: true, value: 'ReferenceError: x' }) : cb(42, undefined),
        );
      },
    };
    const ev = m.inspectedEval()!;
    expect(await ev('1+1')).toEqual({ ok: true, value: 42 });
    expect(await ev('boom')).toEqual({ ok: false, error: 'ReferenceError: x' });
    expect(runs).toEqual(['1+1', 'boom']);
  });

  it('the polyfill and Firefox: a callback throws before anything runs, then a promise of a pair', async () => {
    const runs: string[] = [];
    devtools.inspectedWindow = {
      eval: (expr: string, ...rest: unknown[]) => {
        if (rest.length > 1) throw new Error('Expected at most 2 arguments for eval(), got 3');
        runs.push(expr);
        return Promise.resolve(expr === 'bad' ? [undefined, { isError: true, code: 'E_PROTOCOLERROR' }] : [{ a: 1 }]);
      },
    };
    const ev = m.inspectedEval()!;
    expect(await ev('x')).toEqual({ ok: true, value: { a: 1 } });
    expect(await ev('bad')).toEqual({ ok: false, error: 'E_PROTOCOLERROR' });
    devtools.inspectedWindow = {
      eval: () =>
        Promise.resolve([
          null,
          { code: 'E_FAILED', description: 'Operation failed: %s', details: ['Permission denied'], isError: true },
        ]),
    };
    expect(await m.inspectedEval()!('x')).toEqual({ ok: false, error: 'Operation failed: Permission denied' });
    expect(runs).toEqual(['x', 'bad']);
  });

  it('an API that takes the callback and also returns a promise answers once', async () => {
    devtools.inspectedWindow = {
      eval: (_e: string, _o: object, cb: (r: unknown) => void) => {
        cb('from callback');
        return Promise.resolve(['from promise']);
      },
    };
    expect(await m.inspectedEval()!('x')).toEqual({ ok: true, value: 'from callback' });
  });
});
