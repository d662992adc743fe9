import { describe, expect, it } from 'vitest';
import {
  describeSettings,
  formFromSettings,
  parseRecords,
  parseStatuses,
  sameSettings,
  validate,
} from '../../src/options/form.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';

describe('parseStatuses', () => {
  it('commas, spaces, new lines; sorted, deduplicated', () => {
    expect(parseStatuses('403, 401\n419  401;498')).toEqual({ codes: [401, 403, 419, 498], errors: [], warnings: [] });
  });
  it('rejects what is not a status code, names it', () => {
    expect(parseStatuses('401, 4o3, 1000, 99, 600, -401').errors).toEqual([
      '"4o3" is not an HTTP status code (100–599)',
      '"1000" is not an HTTP status code (100–599)',
      '"99" is not an HTTP status code (100–599)',
      '"600" is not an HTTP status code (100–599)',
      '"-401" is not an HTTP status code (100–599)',
    ]);
  });
  it('an empty list is an error', () => {
    expect(parseStatuses(' , ').errors).toEqual([
      'List at least one status code (the defaults are 401, 403, 407, 419, 440, 498)',
    ]);
  });
  it('warns about non-error statuses', () => {
    expect(parseStatuses('200, 401').warnings).toEqual([
      '200 is not an error status: every such response will be recorded',
    ]);
    expect(parseStatuses('302 200').warnings).toEqual([
      '200, 302 are not error statuses: every such response will be recorded',
    ]);
  });
});

describe('parseRecords', () => {
  it.each([
    ['10', 10],
    ['5000', 5000],
    [' 500 ', 500],
  ])('%j -> %d', (t, n) => expect(parseRecords(t)).toEqual({ value: n }));
  it.each(['9', '5001', '', '1e3', '12.5', 'abc', '-20'])('%j is refused', (t) =>
    expect(parseRecords(t).error).toBe('Enter a whole number from 10 to 5000'),
  );
});

describe('validate and friends', () => {
  it('round trips the defaults', () => {
    const v = validate(formFromSettings(DEFAULT_SETTINGS));
    expect(v.patch).toEqual({ ...DEFAULT_SETTINGS });
    expect(sameSettings(v.patch!, DEFAULT_SETTINGS)).toBe(true);
  });
  it('no patch while anything is invalid', () => {
    expect(validate({ ...formFromSettings(DEFAULT_SETTINGS), records: '3' }).patch).toBeUndefined();
    expect(validate({ ...formFromSettings(DEFAULT_SETTINGS), statuses: 'x' }).patch).toBeUndefined();
  });
  it('detects a change', () => {
    const v = validate({ ...formFromSettings(DEFAULT_SETTINGS), preserveLog: true });
    expect(sameSettings(v.patch!, DEFAULT_SETTINGS)).toBe(false);
  });
  it('describes the settings in one sentence', () => {
    expect(describeSettings(DEFAULT_SETTINGS)).toBe(
      'capturing 401, 403, 407, 419, 440, 498; 500 records per tab; log cleared on navigation; ' +
        'capture on; secrets masked',
    );
  });
});
