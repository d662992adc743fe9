// @vitest-environment happy-dom
// The leak hunt (hunt.ts): no masked output holds any planted secret.
import { cleanup } from '@testing-library/preact';
import { afterAll, describe, expect, it } from 'vitest';
import { env, garden, hunt, records } from './hunt.ts';
import { OUTPUTS } from './outputs.ts';

afterAll(cleanup);

describe('leak hunt', () => {
  it(`${garden.planted.length} secrets planted in ${records.length} records: no masked output holds one`, async () => {
    const { finds, searched } = await hunt(env);
    console.log(
      `leak hunt: ${garden.planted.length} planted in ${records.length} records, ` +
        `${searched} outputs searched (${OUTPUTS.map((o) => o.name).join(', ')}), ${finds.length} found`,
    );
    expect(finds.slice(0, 20)).toEqual([]);
  }, 600_000);
});
