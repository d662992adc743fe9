import { describe, expect, it } from 'vitest';
import { toJson } from '../../../src/panel/export/json.ts';
import { JWT, records } from '../../support/fixture-records.ts';

describe('toJson', () => {
  it('revealed: the records exactly as captured, in a versioned envelope', () => {
    const out = toJson(records(), { reveal: true });
    expect(JSON.parse(out)).toEqual({
      format: 'authlens-records',
      version: 1,
      secretsMasked: false,
      records: records(),
    });
    expect(out.endsWith('}\n')).toBe(true);
  });

  it('masked: URLs, headers and redirect hops masked; everything else unchanged', () => {
    const doc = JSON.parse(toJson(records(), { reveal: false })) as {
      secretsMasked: boolean;
      records: ReturnType<typeof records>;
    };
    expect(doc.secretsMasked).toBe(true);
    const [a, b] = doc.records;
    expect(a?.url).toBe('https://api.example.com/v1/me?page=2&access_token=•••');
    expect(a?.requestHeaders[1]).toEqual({ name: 'Authorization', value: 'Bearer eyJhbGciOi…N1F3' });
    expect(a?.responseBody).toBe('{"error":"invalid_token"}');
    expect(b?.redirects[0]?.url).toBe('http://api.example.com/v1/orders?code=•••');
    expect(b?.redirects[0]?.requestHeaders[0]?.value).toBe('Basic •••');
    expect({ ...a, url: '', requestHeaders: [], responseHeaders: [] }).toEqual({
      ...records()[0],
      url: '',
      requestHeaders: [],
      responseHeaders: [],
    });
    expect(JSON.stringify(doc)).not.toContain(JWT);
  });

  it('masking does not touch the records it was given', () => {
    const input = records();
    toJson(input, { reveal: false });
    expect(input).toEqual(records());
  });
});
