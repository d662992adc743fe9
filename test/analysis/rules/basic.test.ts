import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../../src/analysis/index.ts';
import { diagnose } from '../../../src/analysis/index.ts';
import { ex } from './helpers.ts';

const challenge = { 'WWW-Authenticate': 'Basic realm="Admin API", charset="UTF-8"' };
const run = (e: Exchange) => diagnose(e).findings.map((f) => `${f.id}:${f.severity}`);

describe('basic-prompt', () => {
  it('leads for a fetch/XHR without credentials: the login dialog is the surprise; no-credentials follows', () => {
    for (const type of ['xmlhttprequest', 'fetch', 'xhr']) {
      expect(run({ ...ex({ res: challenge }), type }).slice(0, 2)).toEqual([
        'basic-prompt:error',
        'no-credentials:error',
      ]);
    }
    expect(run(ex({ res: challenge, req: { 'Sec-Fetch-Dest': 'empty' } }))[0]).toBe('basic-prompt:error');
    expect(diagnose({ ...ex({ res: challenge }), type: 'xmlhttprequest' }).summary).toContain('login dialog');
  });
  it('an unknown type counts as a script request unless it accepts text/html', () => {
    expect(run(ex({ res: challenge, req: { Accept: 'application/json' } }))[0]).toBe('basic-prompt:error');
    // "other" with no Sec-Fetch-Dest is a tool, not a page's script: no dialog to lead with.
    expect(run({ ...ex({ res: challenge }), type: 'other' }).slice(0, 2)).toEqual([
      'no-credentials:error',
      'basic-prompt:warning',
    ]);
    expect(run({ ...ex({ res: challenge, req: { 'Sec-Fetch-Dest': 'empty' } }), type: 'other' })[0]).toBe(
      'basic-prompt:error',
    );
    expect(run(ex({ res: challenge, req: { Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' } }))).toEqual([
      'no-credentials:error',
    ]);
    expect(run(ex({ res: challenge, req: { 'Sec-Fetch-Dest': 'document' } }))).toEqual(['no-credentials:error']);
  });
  it('a main_frame navigation expects the dialog: no-credentials alone', () => {
    expect(run({ ...ex({ res: challenge, req: { Accept: 'text/html' } }), type: 'main_frame' })).toEqual([
      'no-credentials:error',
    ]);
    expect(run({ ...ex({ res: challenge }), type: 'main_frame' })).toEqual(['no-credentials:error']);
  });
  it('with credentials sent, their rejection leads and the dialog is a warning', () => {
    const e = {
      ...ex({ res: challenge, req: { Authorization: `Basic ${btoa('alice:wrong')}` } }),
      type: 'xmlhttprequest',
    };
    expect(run(e)).toEqual(['basic-credentials-rejected:error', 'basic-prompt:warning']);
  });
  it('only on 401 with a Basic challenge', () => {
    expect(
      run({ ...ex({ status: 403, res: challenge }), type: 'xmlhttprequest' }).filter((x) =>
        x.startsWith('basic-prompt'),
      ),
    ).toEqual([]);
    expect(run({ ...ex({ res: { 'WWW-Authenticate': 'Bearer realm="api"' } }), type: 'xmlhttprequest' })[0]).toBe(
      'no-credentials:error',
    );
  });
});
