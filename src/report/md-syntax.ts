// Markdown pieces that survive any content: code spans and fences sized to the backticks inside
// (CommonMark §6.1 and §4.5), so a header value can never break out of its code.

export function codeSpan(s: string): string {
  const flat = s.replace(/[\r\n]+/g, ' ');
  if (flat === '') return '` `';
  const longest = Math.max(0, ...Array.from(flat.matchAll(/`+/g), (m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

export function codeBlock(s: string, lang = ''): string {
  const longest = Math.max(0, ...Array.from(s.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${s}${s.endsWith('\n') ? '' : '\n'}${fence}`;
}

/**
 * Text outside code: neutralise characters that would start markup (a stray `*`, `<tag>`, `[x](y)`).
 * `_` inside a word (error_description) is literal in CommonMark, and a ticket tracker that does
 * not render Markdown would show every needless backslash, so those stay as they are.
 */
export function escapeText(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*[\]<>]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, (c) => `\\${c}`)
    .replace(/^([#>+-])(?=\s|$)/, '\\$1')
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
}
