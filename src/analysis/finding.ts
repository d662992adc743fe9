// What a finding is made of, and the one way a rule makes one. Each rule file declares the ids
// it emits with defineFindings(): the metadata of every id (title, usual severity, what it means,
// what it rests on, fixes, references) lives there and nowhere else, and docs/findings.md and
// findings.html are rendered from it (catalogue.ts gathers them). A rule then drafts findings of
// its declared ids only (another id does not type-check), adding what this request shows.
import type { Family } from './families.ts';
import type { Finding, Severity } from './types.ts';
import type { Snippet } from './snippets.ts';

export type Evidence = Finding['evidence'][number];
export type Fix = Finding['fixes'][number];
export type Ref = Finding['references'][number];

/** One catalogue entry: what docs/findings.md and findings.html#<id> say about an id. */
export interface FindingMeta {
  id: string;
  family: Family;
  /** a short name; a rule may word it for the request ("Access token expired") */
  title: string;
  /** the usual severity; a rule may set another for a variant (a benign case, a hint) */
  severity: Severity;
  /** what the finding means, in general: the explanation unless the rule words its own */
  means: string;
  /** the signals in the exchange (or in the tab's other requests) that it is drawn from */
  restsOn: string;
  fixes: readonly Fix[];
  references: readonly Ref[];
}

type MetaInput = Omit<FindingMeta, 'id' | 'family'>;

/** A finding plus the one-line summary used when it ranks first. */
export interface Draft extends Finding {
  summary: string;
}

/** What a rule adds to an entry for one request; what it leaves out comes from the entry. */
interface DraftDetails {
  summary: string;
  title?: string;
  severity?: Severity;
  /** replaces the entry's `means` */
  explanation?: string;
  /** appended to the entry's `means` (ignored when `explanation` is given) */
  more?: string;
  evidence?: (Evidence | undefined | false)[];
  fixes?: readonly Fix[];
  references?: readonly Ref[];
}

export interface FindingSet<Id extends string> {
  readonly ids: readonly Id[];
  readonly metas: readonly FindingMeta[];
  meta(id: Id): FindingMeta;
  draft(id: Id, details: DraftDetails): Draft;
}

export function defineFindings<Defs extends Record<string, MetaInput>>(
  family: Family,
  defs: Defs,
): FindingSet<Extract<keyof Defs, string>> {
  type Id = Extract<keyof Defs, string>;
  const metas = new Map<string, FindingMeta>();
  const frozen = <T extends object>(list: readonly T[]): readonly T[] =>
    Object.freeze(list.map((x) => Object.freeze({ ...x })));
  for (const [id, m] of Object.entries(defs)) {
    const entry = { id, family, ...m, fixes: frozen(m.fixes), references: frozen(m.references) };
    metas.set(id, Object.freeze(entry));
  }
  const meta = (id: Id): FindingMeta => metas.get(id)!;
  return {
    ids: [...metas.keys()] as Id[],
    metas: [...metas.values()],
    meta,
    draft(id, d) {
      const m = meta(id);
      return {
        id,
        severity: d.severity ?? m.severity,
        title: d.title ?? m.title,
        summary: d.summary,
        explanation: d.explanation ?? (d.more ? `${m.means} ${d.more}` : m.means),
        evidence: (d.evidence ?? []).filter((e): e is Evidence => !!e && e.value !== ''),
        // Copies: a caller that edits its finding must not edit the catalogue.
        fixes: (d.fixes ?? m.fixes).map((f) => ({ ...f })),
        references: (d.references ?? m.references).map((r) => ({ ...r })),
      };
    },
  };
}

export const ev = (label: string, value: string): Evidence => ({ label, value });

/** A fix for whoever calls the API; its code, if any, is a Snippet (snippets.ts): never a spliced string. */
export const consumer = (text: string, code?: Snippet): Fix =>
  code === undefined
    ? { audience: 'consumer', text }
    : { audience: 'consumer', text, code: code.code, lang: code.lang };

/** A fix for whoever runs the server. */
export const server = (text: string, code?: Snippet): Fix =>
  code === undefined ? { audience: 'server', text } : { audience: 'server', text, code: code.code, lang: code.lang };

/** Drops the internal summary so callers get exactly the public Finding shape. */
export function toFinding(d: Draft): Finding {
  return {
    id: d.id,
    severity: d.severity,
    title: d.title,
    explanation: d.explanation,
    evidence: d.evidence,
    fixes: d.fixes,
    references: d.references,
  };
}

/** `a, b and c` */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Caps a server-supplied string so a huge header cannot bloat a finding. */
export function clip(s: string, max = 300): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
