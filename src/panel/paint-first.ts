// The port's events, delivered so the first rows paint before the rest is applied. A big tab's
// snapshot says more is coming (`more`): its older chunks arrive within milliseconds, and
// applying them first would delay that paint. Everything after such a snapshot is held until
// the frame after the first rows, then applied in order.
import type { PortEvent } from '../shared/messages.ts';

/** Runs `cb` once the next frame has painted (two frames: the second starts after that paint). */
function afterNextPaint(cb: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(cb)));
}

export function paintFirst(
  dispatch: (e: PortEvent) => void,
  afterPaint: (cb: () => void) => void = afterNextPaint,
): (e: PortEvent) => void {
  let held: PortEvent[] | undefined;
  const deliver = (e: PortEvent): void => {
    if (held) {
      held.push(e);
      return;
    }
    // marks let the end-to-end run measure snapshot arrival vs first rows (performance figures)
    if (e.type === 'snapshot') performance.mark('authlens:snapshot');
    dispatch(e);
    if (e.type === 'snapshot') performance.mark('authlens:applied');
    if (e.type === 'snapshot' && e.more) {
      held = [];
      afterPaint(() => {
        const queue = held ?? [];
        held = undefined;
        for (const x of queue) deliver(x);
      });
    }
  };
  return deliver;
}
