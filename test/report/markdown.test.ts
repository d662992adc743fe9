import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MARKDOWN_BODY_CAP, toMarkdown } from '../../src/report/markdown.ts';
import { codeBlock, codeSpan, escapeText } from '../../src/report/md-syntax.ts';
import { expiredDiagnosis, record, SECRETS } from '../support/fixture-records.ts';

const expected = (name: string): string =>
  readFileSync(new URL(`../fixtures/har/expected/${name}`, import.meta.url), 'utf8');

describe('toMarkdown', () => {
  it('masked report: request line, status, UTC time, challenge, findings with evidence, fixes, references', () => {
    expect(toMarkdown(record('812-1'), expiredDiagnosis(), { reveal: false })).toBe(expected('report-812-1-masked.md'));
  });

  it('revealed report with redirects and no findings', () => {
    const d = { summary: 'Forbidden: the server refused the Basic credentials', findings: [] };
    expect(toMarkdown(record('900-1'), d, { reveal: true })).toBe(expected('report-900-1-revealed.md'));
  });

  it('names who refused the request', () => {
    const d = { ...expiredDiagnosis(), layer: { layer: 'gateway' as const, evidence: 'AWS API Gateway answered' } };
    expect(toMarkdown(record('812-1'), d, { reveal: false })).toContain(
      '- **Refused by:** the API gateway (AWS API Gateway answered)',
    );
  });

  it('masked report never contains the secrets', () => {
    const md =
      toMarkdown(record('812-1'), expiredDiagnosis(), { reveal: false }) +
      toMarkdown(record('900-1'), expiredDiagnosis(), { reveal: false });
    for (const secret of SECRETS) {
      expect(md).not.toContain(secret);
    }
  });

  it('caps a long body and says so', () => {
    const r = record('812-1');
    r.responseBody = 'x'.repeat(MARKDOWN_BODY_CAP + 10);
    const md = toMarkdown(r, { summary: 's', findings: [] }, { reveal: false });
    expect(md).toContain(
      `### Response body (first ${MARKDOWN_BODY_CAP} characters)\n\n\`\`\`\n${'x'.repeat(MARKDOWN_BODY_CAP)}\n\`\`\``,
    );
  });

  it('hostile values cannot break out of their code', () => {
    const r = record('901-1');
    r.responseHeaders = [{ name: 'WWW-Authenticate', value: 'Basic realm="```\n# pwned"' }];
    r.responseBody = '````\n## not a heading';
    const md = toMarkdown(r, { summary: '*bold* [link](x)', findings: [] }, { reveal: false });
    expect(md).toContain('## 401 api.example.com/v1/orders: \\*bold\\* \\[link\\](x)\n');
    expect(md).toContain('- **Challenge:** ````WWW-Authenticate: Basic realm="``` # pwned"````');
    expect(md).toContain('`````\n````\n## not a heading\n`````');
    expect(md).toContain('- **Context:** type xmlhttprequest, initiator https://app.example.com, CORS preflight\n');
    expect(md).toContain('- **Note:** the request headers were not seen by AuthLens.');
  });
});

describe('markdown pieces', () => {
  it.each([
    ['a', '`a`'],
    ['a`b', '``a`b``'],
    ['`x`', '`` `x` ``'],
    ['', '` `'],
    ['a\nb', '`a b`'],
  ])('codeSpan(%j) = %s', (s, out) => expect(codeSpan(s)).toBe(out));

  it('codeBlock fences past any backtick run', () => {
    expect(codeBlock('x', 'http')).toBe('```http\nx\n```');
    expect(codeBlock('a\n```\nb\n')).toBe('````\na\n```\nb\n````');
  });

  it.each([
    ['error_description', 'error_description'],
    ['_x_', '\\_x\\_'],
    ['# title', '\\# title'],
    ['1. item', '1\\. item'],
    ['- item', '\\- item'],
    ['a<b>c', 'a\\<b\\>c'],
    ['two\nlines', 'two lines'],
  ])('escapeText(%j) = %j', (s, out) => expect(escapeText(s)).toBe(out));
});
