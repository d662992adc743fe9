// Colour for a terminal only: NO_COLOR (https://no-color.org) turns it off, FORCE_COLOR on,
// otherwise the stream being a TTY decides.
import type { Out } from './io.ts';

export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const sgr =
  (open: number, close: number) =>
  (s: string): string =>
    `\u001b[${open}m${s}\u001b[${close}m`;

const COLOUR: Paint = { red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39), dim: sgr(2, 22), bold: sgr(1, 22) };
const id = (s: string): string => s;
const PLAIN: Paint = { red: id, yellow: id, green: id, dim: id, bold: id };

export function wantsColour(out: Out, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return out.isTTY === true;
}

export function paint(colour: boolean): Paint {
  return colour ? COLOUR : PLAIN;
}

/**
 * What a server or a file says, made safe for a terminal: control characters (ESC starts a
 * sequence that can rewrite the screen or the title) shown as \xNN.
 */
export function terminalSafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
