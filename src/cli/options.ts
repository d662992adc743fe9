// The flags the commands share: --format, --fail-on, --reveal.
import { parseArgs } from 'node:util';
import type { FailOn } from '../lib/report.ts';
import { UsageError } from './io.ts';

export type Format = 'text' | 'markdown' | 'json' | 'junit';
const FORMATS: readonly Format[] = ['text', 'markdown', 'json', 'junit'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];

export interface Common {
  format: Format;
  failOn: FailOn;
  reveal: boolean;
}

type Spec = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

export const COMMON_OPTIONS = {
  format: { type: 'string', short: 'f' },
  'fail-on': { type: 'string' },
  reveal: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Spec;

export function parse<O extends Spec>(
  args: string[],
  options: O,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const r = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: r.values as Record<string, string | boolean | undefined>, positionals: r.positionals };
  } catch (e) {
    const m = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    throw new UsageError(m.replace(/\. To specify a positional argument.*$/, ''));
  }
}

export function common(values: Record<string, string | boolean | undefined>): Common {
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format ${String(format)}: use ${FORMATS.join(', ')}`);
  const failOn = (values['fail-on'] ?? 'error') as FailOn;
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on ${String(failOn)}: use ${FAIL_ON.join(', ')}`);
  return { format, failOn, reveal: values.reveal === true };
}
