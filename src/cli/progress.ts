// Progress on stderr while a big file streams in: a line redrawn in place on a terminal, a line
// every tenth otherwise (a CI log).
import { formatBytes } from '../har/limits.ts';
import type { Out } from './io.ts';

export const PROGRESS_FROM_BYTES = 50 * 1024 * 1024;
const REDRAW_MS = 200;

export interface Progress {
  update(bytes: number): void;
  done(): void;
}

export function progress(name: string, total: number | undefined, err: Out, clock = Date.now): Progress {
  let shown = false;
  let last = 0;
  let tenth = 0;
  const line = (bytes: number): string =>
    total
      ? `authlens: reading ${name}: ${Math.floor((bytes / total) * 100)} % ` +
        `(${formatBytes(bytes)} of ${formatBytes(total)})`
      : `authlens: reading ${name}: ${formatBytes(bytes)}`;
  return {
    update(bytes) {
      if ((total ?? bytes) < PROGRESS_FROM_BYTES) return;
      if (err.isTTY) {
        const now = clock();
        if (now - last < REDRAW_MS) return;
        last = now;
        err.write(`\r${line(bytes)}\u001b[K`);
        shown = true;
        return;
      }
      const t = total ? Math.floor((bytes / total) * 10) : Math.floor(bytes / (100 * 1024 * 1024));
      if (t > tenth) {
        tenth = t;
        err.write(`${line(bytes)}\n`);
      }
    },
    done() {
      if (shown) err.write('\r\u001b[K');
    },
  };
}
