// Bounds on what a view renders from a page's data. A page controls headers, tokens and bodies:
// a JWT nested 4 200 levels deep overflows JSON.stringify's stack, and megabytes of one header
// value make a table unusable. What is shown is clipped; copies still carry the whole value.

/** characters of one value shown in a table cell or code span */
export const MAX_SHOWN_CHARS = 4000;
/** nesting shown of a decoded JSON value (JWT header and claims) */
export const MAX_JSON_DEPTH = 12;
/** characters of one decoded JSON value shown */
export const MAX_JSON_CHARS = 20_000;
/** members shown of one object or array */
const MAX_MEMBERS = 200;

export function clip(text: string, max = MAX_SHOWN_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

export interface JsonDisplayOptions {
  /** a member's value as shown (masking a secret claim); undefined: as it is */
  maskMember?: (name: string, value: unknown) => string | undefined;
}

/**
 * JSON.stringify(value, null, 2) within bounds: deeper levels show as `{…}` / `[…]`, long
 * objects end with a count of what was left out, and the text stops at MAX_JSON_CHARS. The
 * recursion is bounded by MAX_JSON_DEPTH, so no input can overflow the stack.
 */
export function jsonForDisplay(value: unknown, opts: JsonDisplayOptions = {}): string {
  const out: string[] = [];
  let size = 0;
  const push = (s: string): boolean => {
    if (size > MAX_JSON_CHARS) return false;
    out.push(s);
    size += s.length;
    return true;
  };
  const write = (v: unknown, depth: number, indent: string): void => {
    if (v === null || typeof v !== 'object') {
      push(scalar(v));
      return;
    }
    const isArray = Array.isArray(v);
    const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
    const entries: [string, unknown][] = isArray ? v.map((x, i) => [String(i), x]) : Object.entries(v);
    if (entries.length === 0) {
      push(open + close);
      return;
    }
    if (depth >= MAX_JSON_DEPTH) {
      push(`${open}…${close}`);
      return;
    }
    push(`${open}\n`);
    const inner = `${indent}  `;
    const shown = entries.slice(0, MAX_MEMBERS);
    for (const [i, [name, member]] of shown.entries()) {
      if (!push(isArray ? inner : `${inner}${JSON.stringify(name)}: `)) break;
      const masked = opts.maskMember?.(name, member);
      if (masked !== undefined) push(JSON.stringify(masked));
      else write(member, depth + 1, inner);
      push(i < shown.length - 1 || entries.length > MAX_MEMBERS ? ',\n' : '\n');
    }
    if (entries.length > MAX_MEMBERS) push(`${inner}… ${entries.length - MAX_MEMBERS} more\n`);
    push(`${indent}${close}`);
  };
  write(value, 0, '');
  const text = out.join('');
  return text.length > MAX_JSON_CHARS ? `${text.slice(0, MAX_JSON_CHARS)}\n… (cut: too long to show)` : text;
}

function scalar(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(clip(v, 2000));
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return JSON.stringify(v);
  return JSON.stringify(String(v));
}
