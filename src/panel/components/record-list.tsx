// The list: a windowed grid with fixed row height, so 5 000 rows cost the same as 50.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { finishPick } from '../compare.ts';
import { useStore } from '../providers.ts';
import { replayedId } from '../state.ts';
import { moveSelection, type Row } from '../rows.ts';
import { scrollToReveal, windowRange } from '../virtual.ts';
import { GroupRow, RecordRow, ROW_HEIGHT } from './record-row.tsx';
import { RowMenu } from './row-menu.tsx';
/** the sticky column header is one row tall */
const HEAD_HEIGHT = ROW_HEIGHT;
/** viewport assumed before the first measurement (and in DOMs without layout) */
const FALLBACK_VIEWPORT = 600;

function rowIndexOf(rows: readonly Row[], id: string | undefined): number {
  if (id === undefined) return -1;
  return rows.findIndex((r) => r.kind === 'record' && r.record.id === id);
}

export function RecordList() {
  const store = useStore();
  const el = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT);
  const rows = store.rows.value;
  const selectedId = store.selectedId.value;
  const onSelect = useCallback(
    (id: string) => {
      if (finishPick(store, id)) {
        el.current?.focus();
        return;
      }
      store.selectedId.value = id;
      store.detailOpen.value = true;
      el.current?.focus();
    },
    [store],
  );

  useLayoutEffect(() => {
    performance.mark('authlens:list-mounted');
    const node = el.current;
    if (!node) return;
    const measure = (): void => setViewport(node.clientHeight || FALLBACK_VIEWPORT);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(node);
    return () => ro.disconnect();
  }, []);

  // like the Network panel: when the list was scrolled to the end, it follows new rows
  // (only with nothing selected, so a selected row never moves under the user's eyes)
  const atEnd = useRef(true);
  const count = rows.length;
  const maxTop = Math.max(0, count * ROW_HEIGHT + HEAD_HEIGHT - viewport);
  // 0 at first: a list that opens at its end is drawn there at once, not at its top and again
  // at its end once the layout effect has scrolled it (twice the rows mounted before the first paint)
  const drawnCount = useRef(0);
  const following = atEnd.current && selectedId === undefined && count > drawnCount.current;
  // the window is drawn where the list will be scrolled (its new end, or the end it shrank to), so
  // a filter that changes the row count renders once, not once here and again after the scroll
  const top = following ? maxTop : Math.min(scrollTop, maxTop);
  const bodyViewport = Math.max(ROW_HEIGHT, viewport - HEAD_HEIGHT);
  const { start, end } = windowRange(top, bodyViewport, ROW_HEIGHT, rows.length);

  const reveal = (id: string | undefined): void => {
    const node = el.current;
    const i = rowIndexOf(store.rows.value, id);
    if (!node || i < 0) return;
    const top = scrollToReveal(i, node.scrollTop, bodyViewport, ROW_HEIGHT);
    if (top !== undefined) {
      node.scrollTop = top;
      setScrollTop(top);
    }
  };

  const select = (id: string | undefined): void => {
    store.selectedId.value = id;
    reveal(id);
  };

  const [menu, setMenu] = useState<{ id: string; x: number; y: number } | undefined>(undefined);
  const closeMenu = useCallback(() => {
    setMenu(undefined);
    el.current?.focus();
  }, []);
  const onContextMenu = (e: MouseEvent): void => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-record-id]');
    const id = row?.dataset.recordId;
    if (!id) return;
    e.preventDefault();
    store.selectedId.value = id;
    setMenu({ id, x: e.clientX, y: e.clientY });
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    const ids = store.ids.value;
    if ((e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) && store.selectedId.value !== undefined) {
      e.preventDefault();
      const id = store.selectedId.value;
      const rect = document.getElementById(`row-${id}`)?.getBoundingClientRect();
      setMenu({ id, x: (rect?.left ?? 0) + 40, y: rect?.bottom ?? 0 });
      return;
    }
    const page = Math.max(1, Math.floor(bodyViewport / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
      Home: -Infinity,
      End: Infinity,
    };
    const delta = moves[e.key];
    if (delta !== undefined) {
      e.preventDefault();
      const next = Number.isFinite(delta)
        ? moveSelection(ids, store.selectedId.value, delta)
        : delta < 0
          ? ids[0]
          : ids[ids.length - 1];
      select(next);
    } else if (e.key === 'Enter' && store.selectedId.value !== undefined) {
      e.preventDefault();
      if (!finishPick(store, store.selectedId.value)) store.detailOpen.value = true;
    }
  };

  useLayoutEffect(() => {
    drawnCount.current = count;
    const node = el.current;
    if (!node || !atEnd.current || store.selectedId.value !== undefined) return;
    if (node.scrollTop < maxTop) {
      node.scrollTop = maxTop;
      setScrollTop(maxTop);
    }
  }, [count]);

  // panel.html?record=ID: scroll the named record into view once it has arrived
  const revealedOnce = useRef(false);
  useEffect(() => {
    // older records are still being prepended: revealing now would be undone by the next chunk
    if (revealedOnce.current || selectedId === undefined || store.state.value.loadingOlder) return;
    if (rowIndexOf(rows, selectedId) >= 0) {
      revealedOnce.current = true;
      reveal(selectedId);
    }
  });

  // the rows on screen are diagnosed before the rest; they show as pending until then
  const { diagnoser } = store;
  void store.diagnosed.value;
  const shown = rows.slice(start, end).flatMap((r) => (r.kind === 'record' ? [r.record] : []));
  const summaries = new Map(shown.map((r) => [r, diagnoser.peekSummary(r)]));
  const missing = shown.filter((r) => summaries.get(r) === undefined);
  useEffect(() => {
    if (missing.length) diagnoser.want(missing, true);
  });

  const active = rowIndexOf(rows, selectedId);
  const activeRendered = active >= start && active < end;

  return (
    <>
      <div
        ref={el}
        class="list"
        role="grid"
        aria-label="Auth failures"
        aria-rowcount={rows.length + 1}
        aria-activedescendant={activeRendered && selectedId !== undefined ? `row-${selectedId}` : undefined}
        tabIndex={0}
        data-testid="list"
        data-picking={store.compare.picking.value !== undefined ? 'true' : undefined}
        onScroll={(e) => {
          const n = e.currentTarget;
          atEnd.current = n.scrollTop + n.clientHeight >= n.scrollHeight - ROW_HEIGHT;
          setScrollTop(n.scrollTop);
        }}
        onKeyDown={onKeyDown}
        onContextMenu={onContextMenu}
      >
        <div class="list-head row-grid" role="row" aria-rowindex={1}>
          <div role="columnheader" class="c-time">
            Time
          </div>
          <div role="columnheader" class="c-status">
            Status
          </div>
          <div role="columnheader" class="c-method">
            Method
          </div>
          <div role="columnheader" class="c-url">
            Host + path
          </div>
          <div role="columnheader" class="c-scheme">
            Scheme
          </div>
          <div role="columnheader" class="c-diag">
            Diagnosis
          </div>
        </div>
        <div class="list-body" style={{ height: `${rows.length * ROW_HEIGHT}px` }} role="rowgroup">
          {rows
            .slice(start, end)
            .map((row, k) =>
              row.kind === 'group' ? (
                <GroupRow key={`g:${row.origin}`} row={row} index={start + k} />
              ) : (
                <RecordRow
                  key={row.record.id}
                  record={row.record}
                  index={start + k}
                  selected={row.record.id === selectedId}
                  summary={summaries.get(row.record)}
                  replay={replayedId(store.state.value, row.record) !== undefined}
                  reveal={store.state.value.settings.revealSecrets}
                  onSelect={onSelect}
                />
              ),
            )}
        </div>
      </div>
      {menu && store.selected.value?.id === menu.id && (
        <RowMenu record={store.selected.value} x={menu.x} y={menu.y} onClose={closeMenu} />
      )}
    </>
  );
}
