// XML and HTML bodies, read in one pass each: XML error documents as leaves (AWS <Code>, Azure
// <AuthenticationErrorDetail>...), HTML pages as their title, headings and visible text (scripts
// and styles left out, entities decoded). Patterns stop at the next '<', so work stays linear.
import type { Leaf } from './json.ts';

const MAX_VALUE = 500;
const HEADINGS_WINDOW = 32 * 1024;
// <Name attrs>text</Name> with no markup inside: the leaves of an error document.
const XML_LEAF = /<([A-Za-z_][\w:.-]{0,60})(?:\s[^<>]{0,300})?>([^<]{0,2000})<\/\1\s*>/g;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

export function xmlLeaves(s: string, max = 200): Leaf[] {
  const out: Leaf[] = [];
  for (const m of s.matchAll(XML_LEAF)) {
    const name = m[1]!.toLowerCase().replace(/^.*:/, '');
    const value = decodeEntities(m[2]!.trim());
    if (value !== '') out.push([name, value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value]);
    if (out.length >= max) break;
  }
  return out;
}

// Every run of whitespace becomes one space. A lone space is already that, so only runs that are
// not one are matched: on a page of prose this replaces nothing instead of every gap between words.
const WHITESPACE_RUN = /[^\S ]\s*| \s+/g;
const collapse = (s: string): string => decodeEntities(s.replace(WHITESPACE_RUN, ' ')).trim();

/** The text of the first element of this name, anywhere in the page (titles sit after long styles). */
function firstElement(html: string, lower: string, name: string): string | undefined {
  const at = lower.indexOf(`<${name}`);
  if (at < 0) return undefined;
  const open = lower.indexOf('>', at);
  const close = lower.indexOf(`</${name}`, open);
  if (open < 0 || close < 0 || close - open > 2000) return undefined;
  const text = collapse(html.slice(open + 1, close).replace(/<[^>]*>/g, ' '));
  return text === '' ? undefined : text.slice(0, 300);
}

export interface Page {
  /** <title>, then <h1>..<h3>, as shown */
  headings: string[];
  /** the visible text of the window, original case, whitespace collapsed */
  text: string;
}

/** `html` is the capped body; `window` how much of it is read for visible text. */
export function readPage(html: string, window: number): Page {
  // Titles and headings: searched in the first HEADINGS_WINDOW characters, past long inline styles.
  const lower = html.slice(0, HEADINGS_WINDOW).toLowerCase();
  const headings: string[] = [];
  for (const name of ['title', 'h1', 'h2', 'h3']) {
    const t = firstElement(html, lower, name);
    if (t && !headings.includes(t)) headings.push(t);
  }
  const head = html.slice(0, window);
  const low = lower.slice(0, window);
  // Visible text: drop <script>/<style> contents, comments and tags.
  let text = '';
  let i = 0;
  while (i < head.length) {
    const lt = head.indexOf('<', i);
    if (lt < 0) {
      text += head.slice(i);
      break;
    }
    text += `${head.slice(i, lt)} `;
    let end: number;
    if (low.startsWith('<script', lt) || low.startsWith('<style', lt)) {
      const name = low.startsWith('<script', lt) ? 'script' : 'style';
      const close = low.indexOf(`</${name}`, lt);
      end = close < 0 ? head.length : low.indexOf('>', close);
    } else if (head.startsWith('<!--', lt)) {
      end = head.indexOf('-->', lt);
      if (end >= 0) end += 2;
    } else end = head.indexOf('>', lt);
    i = end < 0 ? head.length : end + 1;
  }
  return { headings, text: collapse(text) };
}
