// A streaming reader for HAR files: bytes in (any chunking), one event per `log.entries` element
// out, so a 500 MB file never needs 500 MB of heap. It walks the outer structure itself (the
// root object, `log`, the entries array) and hands each entry's bytes to JSON.parse, which is
// far faster than any JavaScript tokenizer; values it does not need (pages, other keys) are
// skipped without being kept. A string longer than `maxStringBytes` inside an entry (a video
// or image body) is cut there and ends with TRUNCATED, so the entry still parses.
// Garbage in gives one `error` event naming the byte, never an exception.
import { HAR_LIMITS } from './limits.ts';

/** Ends a string the scanner cut short (U+FFFF is a noncharacter: no real text carries it). */
export const TRUNCATED = '\uffff';

export type HarEvent =
  | { type: 'entry'; index: number; value: unknown }
  /** log.creator, log.browser, log.version or log.comment (any order, before or after the entries) */
  | { type: 'meta'; key: MetaKey; value: unknown }
  /** the input is not a (whole) HAR file: nothing follows */
  | { type: 'error'; message: string; offset: number }
  | { type: 'end'; entries: number; bytes: number };

type MetaKey = 'creator' | 'browser' | 'version' | 'comment';
const META_KEYS = new Set<string>(['creator', 'browser', 'version', 'comment']);

export interface ScanLimits {
  /** strings longer than this (raw bytes) inside an entry are cut */
  maxStringBytes: number;
  /** an entry larger than this once its long strings are cut is an error */
  maxEntryBytes: number;
  maxEntries: number;
  /** total input bytes */
  maxBytes: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const U = 0x75;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const MARK = new TextEncoder().encode('\\uffff');
const PRIMITIVE = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;
const KEY_CAP = 64;
const META_CAP = 64 * 1024;

const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** One of the three containers the scanner walks itself. */
type Frame =
  | { kind: 'root' | 'log'; state: 'first' | 'key' | 'colon' | 'value' | 'next'; key: string }
  | { kind: 'entries'; state: 'first' | 'value' | 'next' };

/** A value the scanner does not walk: kept whole (an entry, a meta value) or skipped. */
interface Unit {
  keep: 'entry' | 'meta' | 'skip' | 'key';
  meta?: MetaKey;
  start: number;
  /** 'c' container, 's' string, 'p' number/true/false/null */
  shape: 'c' | 's' | 'p';
  depth: number;
  inString: boolean;
  /** 0 none; -1 after a backslash; n > 0: hex digits of \uXXXX still to come */
  esc: number;
  strBytes: number;
  dropping: boolean;
  parts: Uint8Array[];
  bytes: number;
  /** a primitive's text (short) */
  text: string;
}

export class HarScanner {
  private readonly limits: ScanLimits;
  private offset = 0;
  private phase: 'start' | 'in' | 'after' | 'done' = 'start';
  private frames: Frame[] = [];
  private unit: Unit | undefined;
  private entries = 0;
  private sawEntries = false;
  private bom = 0;
  private readonly decoder = new TextDecoder();
  /**
   * The next quote and backslash in the current chunk, kept across the entries it holds: searched
   * afresh per entry, a chunk without a backslash was scanned to its end once per entry.
   */
  private nextQuote = -1;
  private nextSlash = -1;

  constructor(limits: Partial<ScanLimits> = {}) {
    this.limits = { ...HAR_LIMITS.scan, ...limits };
  }

  /** The events this chunk completes. After an error or the end, further input is ignored. */
  push(input: Uint8Array | string): HarEvent[] {
    const chunk = typeof input === 'string' ? new TextEncoder().encode(input) : input;
    const out: HarEvent[] = [];
    if (this.phase === 'done') return out;
    if (this.offset + chunk.length > this.limits.maxBytes) {
      return this.fail(out, `more than ${mb(this.limits.maxBytes)} of input: over the limit a HAR import reads`, 0);
    }
    let i = 0;
    this.nextQuote = -1;
    this.nextSlash = -1;
    while (i < chunk.length && !this.isDone()) {
      if (this.unit) i = this.scanUnit(chunk, i, out);
      else i = this.step(chunk, i, out);
    }
    this.offset += chunk.length;
    return out;
  }

  /** The input is complete: an `end` event, or an error saying what was missing. */
  end(): HarEvent[] {
    const out: HarEvent[] = [];
    if (this.phase === 'done') return out;
    const u = this.unit;
    if (u?.shape === 'p' && u.depth === 0 && !u.inString) {
      // a bare number/literal closes at the end of input (only reachable for garbage tops)
      this.unit = undefined;
    }
    if (this.phase === 'start') return this.fail(out, 'empty: no JSON at all', 0);
    if (this.phase === 'in' || this.unit) {
      const where = this.frames.some((f) => f.kind === 'entries')
        ? `inside log.entries, after ${this.entries} complete entr${this.entries === 1 ? 'y' : 'ies'}`
        : 'before the end of the JSON';
      return this.fail(out, `truncated: the file ends ${where}`, 0);
    }
    if (!this.sawEntries) return this.fail(out, 'not a HAR file: no log.entries array', 0);
    this.phase = 'done';
    out.push({ type: 'end', entries: this.entries, bytes: this.offset });
    return out;
  }

  private isDone(): boolean {
    return this.phase === 'done';
  }

  private fail(out: HarEvent[], message: string, i: number): HarEvent[] {
    const offset = this.offset + i;
    out.push({ type: 'error', message, offset });
    this.phase = 'done';
    this.unit = undefined;
    return out;
  }

  private unexpected(out: HarEvent[], chunk: Uint8Array, i: number, wanted: string): number {
    const b = chunk[i]!;
    const seen = b >= 0x20 && b < 0x7f ? `'${String.fromCharCode(b)}'` : `byte 0x${b.toString(16).padStart(2, '0')}`;
    this.fail(out, `not JSON: ${seen} at byte ${this.offset + i} where ${wanted} was expected`, i);
    return chunk.length;
  }

  /** The outer walk: one byte of the root object, `log`, or the entries array. */
  private step(chunk: Uint8Array, i: number, out: HarEvent[]): number {
    const b = chunk[i]!;
    if (this.phase === 'start' && this.offset + i === this.bom && b === [0xef, 0xbb, 0xbf][this.bom]) {
      this.bom++; // a UTF-8 byte order mark (Fiddler writes one)
      return i + 1;
    }
    if (isSpace(b)) return i + 1;
    if (this.phase === 'after') return this.unexpected(out, chunk, i, 'the end of the file');
    if (this.phase === 'start') {
      if (b === OPEN_OBJ) {
        this.phase = 'in';
        this.frames.push({ kind: 'root', state: 'first', key: '' });
        return i + 1;
      }
      if (
        b === OPEN_ARR ||
        b === QUOTE ||
        (b >= 0x30 && b <= 0x39) ||
        b === 0x2d ||
        b === 0x74 ||
        b === 0x66 ||
        b === 0x6e
      ) {
        this.fail(out, 'not a HAR file: the top level is not an object with log.entries', i);
        return chunk.length;
      }
      return this.unexpected(out, chunk, i, 'a JSON object');
    }
    const f = this.frames[this.frames.length - 1]!;
    if (f.kind === 'entries') {
      if (f.state === 'next') {
        if (b === COMMA) return ((f.state = 'value'), i + 1);
        if (b === CLOSE_ARR) return this.close(i);
        return this.unexpected(out, chunk, i, "',' or ']' after an entry");
      }
      if (b === CLOSE_ARR && f.state === 'first') return this.close(i);
      if (b === COMMA || b === CLOSE_ARR || b === CLOSE_OBJ || b === COLON)
        return this.unexpected(out, chunk, i, 'an entry');
      if (this.entries >= this.limits.maxEntries) {
        this.fail(out, `more than ${this.limits.maxEntries} entries: over the limit a HAR import reads`, i);
        return chunk.length;
      }
      f.state = 'next';
      this.unit = newUnit('entry', this.offset + i, b);
      return i;
    }
    switch (f.state) {
      case 'first':
      case 'key':
        if (b === CLOSE_OBJ && f.state === 'first') return this.close(i);
        if (b !== QUOTE) return this.unexpected(out, chunk, i, 'a key');
        this.unit = newUnit('key', this.offset + i, b);
        return i;
      case 'colon':
        if (b !== COLON) return this.unexpected(out, chunk, i, "':'");
        f.state = 'value';
        return i + 1;
      case 'next':
        if (b === COMMA) return ((f.state = 'key'), i + 1);
        if (b === CLOSE_OBJ) return this.close(i);
        return this.unexpected(out, chunk, i, "',' or '}'");
      case 'value':
        return this.value(f, chunk, i, out);
    }
  }

  private value(f: Frame & { kind: 'root' | 'log' }, chunk: Uint8Array, i: number, out: HarEvent[]): number {
    const b = chunk[i]!;
    if (b === COMMA || b === CLOSE_ARR || b === CLOSE_OBJ || b === COLON)
      return this.unexpected(out, chunk, i, 'a value');
    f.state = 'next';
    const inLog = this.frames.length === 2;
    if (f.kind === 'root' && f.key === 'log' && this.frames.length === 1) {
      if (b !== OPEN_OBJ) {
        this.fail(out, 'not a HAR file: log is not an object', i);
        return chunk.length;
      }
      this.frames.push({ kind: 'log', state: 'first', key: '' });
      return i + 1;
    }
    if (inLog && f.key === 'entries' && !this.sawEntries) {
      if (b !== OPEN_ARR) {
        this.fail(out, 'not a HAR file: log.entries is not an array', i);
        return chunk.length;
      }
      this.sawEntries = true;
      this.frames.push({ kind: 'entries', state: 'first' });
      return i + 1;
    }
    const meta = inLog && META_KEYS.has(f.key) ? (f.key as MetaKey) : undefined;
    this.unit = newUnit(meta ? 'meta' : 'skip', this.offset + i, b);
    if (meta) this.unit.meta = meta;
    return i;
  }

  private close(i: number): number {
    this.frames.pop();
    if (this.frames.length === 0) this.phase = 'after';
    return i + 1;
  }

  /** Scans the current unit from `i`; returns where the outer walk resumes. */
  private scanUnit(chunk: Uint8Array, i: number, out: HarEvent[]): number {
    const u = this.unit!;
    const keep = u.keep !== 'skip';
    const cap = u.keep === 'entry' ? this.limits.maxStringBytes : u.keep === 'key' ? KEY_CAP : META_CAP;
    let from = i;
    const n = chunk.length;
    let j = i;
    for (; j < n; j++) {
      if (u.inString && u.esc === 0) {
        // the plain bytes up to the next quote or backslash, found natively (bodies are most of a HAR)
        if (this.nextQuote < j) this.nextQuote = indexOr(chunk, QUOTE, j, n);
        if (this.nextSlash < j) this.nextSlash = indexOr(chunk, BACKSLASH, j, n);
        const stop = Math.min(this.nextQuote, this.nextSlash);
        if (stop > j) {
          if (keep && !u.dropping && u.strBytes + (stop - j) > cap) {
            const cut = j + Math.max(0, cap - u.strBytes);
            this.keepPart(u, chunk, from, cut, true);
            if (u.keep !== 'key') this.keepPart(u, MARK, 0, MARK.length);
            u.dropping = true;
          }
          u.strBytes += stop - j;
          j = stop;
          if (j >= n) break;
        }
      }
      const b = chunk[j]!;
      if (u.inString) {
        if (u.esc !== 0) {
          u.esc = u.esc === -1 ? (b === U ? 4 : 0) : u.esc - 1;
        } else if (b === QUOTE) {
          u.inString = false;
          if (u.dropping) {
            u.dropping = false;
            from = j;
          }
          if (u.shape === 's') return this.finish(chunk, from, j + 1, out);
        } else {
          if (keep && !u.dropping && u.strBytes >= cap) {
            // cut here (never inside an escape) and mark the string as cut
            this.keepPart(u, chunk, from, j, true);
            if (u.keep !== 'key') this.keepPart(u, MARK, 0, MARK.length);
            u.dropping = true;
          }
          if (b === BACKSLASH) u.esc = -1;
        }
        u.strBytes++;
        continue;
      }
      if (u.shape === 'p') {
        if (b === COMMA || b === CLOSE_ARR || b === CLOSE_OBJ || isSpace(b)) return this.finish(chunk, from, j, out);
        if (u.text.length < 40) u.text += String.fromCharCode(b);
        continue;
      }
      if (b === QUOTE) {
        u.inString = true;
        u.strBytes = 0;
      } else if (b === OPEN_OBJ || b === OPEN_ARR) {
        u.depth++;
      } else if (b === CLOSE_OBJ || b === CLOSE_ARR) {
        if (--u.depth === 0) return this.finish(chunk, from, j + 1, out);
      }
    }
    if (keep && !u.dropping) this.keepPart(u, chunk, from, n, true);
    if (u.keep === 'entry' && u.bytes > this.limits.maxEntryBytes) this.tooBig(out);
    return n;
  }

  private keepPart(u: Unit, chunk: Uint8Array, a: number, b: number, copy = false): void {
    if (b <= a) return;
    if (u.keep === 'skip') return;
    // a part that outlives this chunk is copied: callers may reuse their buffers
    u.parts.push(copy ? chunk.slice(a, b) : chunk.subarray(a, b));
    u.bytes += b - a;
  }

  private tooBig(out: HarEvent[]): void {
    this.fail(out, `entry ${this.entries} is over ${mb(this.limits.maxEntryBytes)} even with its long strings cut`, 0);
  }

  private finish(chunk: Uint8Array, from: number, end: number, out: HarEvent[]): number {
    const u = this.unit!;
    this.unit = undefined;
    if (u.shape === 'p' && !PRIMITIVE.test(u.text)) {
      this.fail(out, `not JSON: '${u.text.slice(0, 20)}' at byte ${u.start} is not a JSON value`, 0);
      return chunk.length;
    }
    if (u.keep === 'skip') return end;
    this.keepPart(u, chunk, from, end);
    if (u.keep === 'entry' && u.bytes > this.limits.maxEntryBytes) {
      this.tooBig(out);
      return chunk.length;
    }
    const text = this.decoder.decode(u.parts.length === 1 ? u.parts[0] : concat(u.parts, u.bytes));
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const what = u.keep === 'entry' ? `entry ${this.entries}` : u.keep === 'key' ? 'a key' : `log.${u.meta}`;
      const why = parseError(e);
      this.fail(out, `not JSON: ${what} (at byte ${u.start}) does not parse: ${why}`, 0);
      return chunk.length;
    }
    if (u.keep === 'key') {
      const f = this.frames[this.frames.length - 1] as Frame & { kind: 'root' | 'log' };
      f.key = typeof value === 'string' ? value : '';
      f.state = 'colon';
    } else if (u.keep === 'entry') {
      out.push({ type: 'entry', index: this.entries++, value });
    } else {
      out.push({ type: 'meta', key: u.meta!, value });
    }
    return end;
  }
}

/** JSON.parse's reason without the snippet of source V8 quotes (it may hold a secret). */
function parseError(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  const cut = m.indexOf(', "');
  const reason = (cut >= 0 ? m.slice(0, cut) : m).replace(/"[^"]*"/g, '…').slice(0, 100);
  const at = /at position (\d+)/.exec(m);
  return at && !reason.includes('position') ? `${reason} at position ${at[1]}` : reason;
}

function newUnit(keep: Unit['keep'], start: number, first: number): Unit {
  const shape = first === OPEN_OBJ || first === OPEN_ARR ? 'c' : first === QUOTE ? 's' : 'p';
  return {
    keep,
    start,
    shape,
    depth: 0,
    inString: false,
    esc: 0,
    strBytes: 0,
    dropping: false,
    parts: [],
    bytes: 0,
    text: '',
  };
}

function indexOr(chunk: Uint8Array, byte: number, from: number, otherwise: number): number {
  const i = chunk.indexOf(byte, from);
  return i < 0 ? otherwise : i;
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function mb(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(0)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

/** The events of a whole stream (a file, stdin, a fetch body, File.stream()). */
export async function* harEvents(
  source: AsyncIterable<Uint8Array | string>,
  limits: Partial<ScanLimits> = {},
): AsyncGenerator<HarEvent> {
  const s = new HarScanner(limits);
  for await (const chunk of source) {
    for (const e of s.push(chunk)) {
      yield e;
      if (e.type === 'error') return;
    }
  }
  yield* s.end();
}
