// An inspected page for tests: the replay's page code runs in a node:vm context whose fetch is
// a fake that answers as told; evalInPage plays devtools.inspectedWindow.eval (JSON results).
import vm from 'node:vm';
import type { EvalInPage } from '../../../src/panel/replay/run.ts';

export class FakeHeaders {
  list: [string, string][] = [];
  append(n: string, v: string): void {
    this.list.push([n, v]);
  }
}

export interface FetchCall {
  url: unknown;
  init: { method: string; headers: FakeHeaders; credentials: string; cache: string; body?: string };
}

export interface Sandbox {
  ctx: vm.Context;
  calls: FetchCall[];
  evalInPage: EvalInPage;
  /** every eval made, in order */
  evals: string[];
  settle(): Promise<void>;
}

export function pageSandbox(
  answer: (url: string, init: FetchCall['init']) => Response | Promise<Response> = () =>
    new Response('{"ok":true}', { status: 200 }),
): Sandbox {
  const calls: FetchCall[] = [];
  const evals: string[] = [];
  const pending: Promise<unknown>[] = [];
  const ctx = vm.createContext({
    Headers: FakeHeaders,
    location: { origin: 'https://app.example.com' },
    fetch: (url: string, init: FetchCall['init']) => {
      calls.push({ url, init });
      const p = Promise.resolve().then(() => answer(url, init));
      pending.push(p.catch(() => undefined));
      return p;
    },
  });
  return {
    ctx,
    calls,
    evals,
    evalInPage: async (expression) => {
      evals.push(expression);
      try {
        return { ok: true, value: JSON.parse(JSON.stringify(vm.runInContext(expression, ctx)) ?? 'null') };
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    },
    settle: async () => {
      await Promise.all(pending);
      for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
    },
  };
}
