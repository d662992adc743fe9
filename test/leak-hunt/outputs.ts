// Every masked output AuthLens produces from a record, as text to search. One list: a new face
// (the CLI's --format text/markdown/json, the MCP server) adds an entry here and is hunted too.
import { act, fireEvent } from '@testing-library/preact';
import type { Diagnosis, FingerprintKey } from '../../src/analysis/index.ts';
import { toHar } from '../../src/har/write.ts';
import { recordKey } from '../../src/panel/compare.ts';
import { toJson } from '../../src/panel/export/json.ts';
import { shareText, type ShareKind } from '../../src/panel/export/share.ts';
import { toMarkdown } from '../../src/report/markdown.ts';
import type { CaptureRecord } from '../../src/shared/types.ts';
import { renderPanel } from '../panel/render.tsx';
import { run } from '../cli/run.ts';

export interface Shown {
  /** the output and the record (and tab) it showed */
  where: string;
  text: string;
}

export interface Env {
  key: FingerprintKey;
  /** the control run: every secret shown (revealSecrets, exports with secrets) */
  reveal?: boolean;
  diagnosis(r: CaptureRecord): Diagnosis;
}

export interface Output {
  name: string;
  show(records: readonly CaptureRecord[], env: Env): Promise<Shown[]>;
}

const masked = (env: Env) => ({ reveal: env.reveal ?? false, key: env.key });

function copy(kind: ShareKind): Output {
  return {
    name: `copy as ${kind}`,
    show: async (records, env) =>
      Promise.all(
        records.map(async (r) => ({
          where: r.id,
          text: await shareText(kind, r, masked(env), { get: async () => ({ ok: true, diagnosis: env.diagnosis(r) }) }),
        })),
      ),
  };
}

const TABS = [
  'Diagnosis',
  'Flow',
  'Compare',
  'Replay',
  'Challenge',
  'Credentials',
  'Headers',
  'Redirects',
  'Body',
] as const;

/** the panel as happy-dom renders it: the list, then each record's detail tab by tab (HTML: attributes too) */
const panel: Output = {
  name: 'panel (list rows, detail tabs, Compare against a neighbour)',
  show: async (records, env) => {
    const p = renderPanel();
    await act(() => p.snapshot([...records], { revealSecrets: env.reveal ?? false }));
    await p.diagnosed();
    const out: Shown[] = [];
    const list = p.container.querySelector('[data-testid="list"]');
    out.push({ where: 'list rows', text: list?.outerHTML ?? '' });
    for (const [i, r] of records.entries()) {
      // Compare shows each record against its neighbour: two planted records, every difference
      const other = records[i === 0 ? 1 : i - 1];
      await act(() => {
        p.store.selectedId.value = r.id;
        p.store.detailOpen.value = true;
        if (other) p.store.compare.chosen.value = { [r.id]: recordKey(other.id) };
      });
      await p.diagnosed();
      for (const tab of TABS) {
        const button = p.container.querySelector<HTMLElement>(`[role="tab"]#tab-${tab.toLowerCase()}`);
        if (button) await act(() => void fireEvent.click(button));
        await p.diagnosed();
        const detail = p.container.querySelector('[data-testid="detail"]');
        out.push({ where: `${r.id} ${tab} tab`, text: detail?.outerHTML ?? '' });
      }
    }
    return out;
  },
};

export const OUTPUTS: Output[] = [
  panel,
  copy('curl'),
  copy('fetch'),
  copy('markdown'),
  copy('url'),
  {
    name: 'JSON export',
    show: async (records, env) => [{ where: 'all records', text: toJson(records, masked(env)) }],
  },
  {
    name: 'HAR export',
    show: async (records, env) => [
      {
        where: 'all records',
        text: JSON.stringify(toHar(records, { ...masked(env), version: '0', diagnose: (r) => env.diagnosis(r) })),
      },
    ],
  },
  ...(['text', 'json', 'markdown', 'junit'] as const).map((format): Output => ({
    name: `authlens explain --format ${format}`,
    // the file as a customer sends it: every secret in it; the CLI masks unless --reveal
    show: async (records, env) => {
      const har = JSON.stringify(toHar(records, { reveal: true, key: env.key, version: '0' }));
      const args = ['explain', '-', '--format', format, '--fail-on', 'never', ...(env.reveal ? ['--reveal'] : [])];
      const r = await run(args, { stdin: [har] });
      return [{ where: 'all records', text: `${r.stdout}\n${r.stderr}` }];
    },
  })),
  {
    name: 'Markdown report',
    show: async (records, env) =>
      records.map((r) => ({ where: r.id, text: toMarkdown(r, env.diagnosis(r), masked(env)) })),
  },
];
