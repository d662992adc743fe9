// Right-click (or the Menu key / Shift+F10) on a row: the Network panel's copy actions.
import { useEffect, useRef } from 'preact/hooks';
import type { CaptureRecord } from '../../shared/types.ts';
import { panelPath } from '../../shared/pages.ts';
import { useServices, useStore } from '../providers.ts';
import { SHARE_LABELS, shareText, type ShareKind } from '../export/share.ts';
import { copyNote, copyOptions } from '../reveal.ts';
import { startPick } from '../compare.ts';

interface Props {
  record: CaptureRecord;
  x: number;
  y: number;
  onClose: () => void;
}

const KINDS: ShareKind[] = ['curl', 'fetch', 'markdown', 'url'];

export function RowMenu({ record, x, y, onClose }: Props) {
  const store = useStore();
  const services = useServices();
  const ref = useRef<HTMLDivElement>(null);
  const opts = copyOptions(store, record.id);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
    const away = (e: MouseEvent): void => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [onClose]);

  const copy = async (kind: ShareKind): Promise<void> => {
    const ok = await services.copy(await shareText(kind, record, opts, store.diagnoser));
    store.notice.value = ok ? `${SHARE_LABELS[kind]}: copied${copyNote(opts)}` : 'Copy failed';
    onClose();
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const d = e.key === 'ArrowDown' ? 1 : -1;
      items[(i + d + items.length) % items.length]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };

  const left = Math.max(0, Math.min(x, (globalThis.innerWidth || 800) - 220));
  const top = Math.max(0, Math.min(y, (globalThis.innerHeight || 600) - 150));
  return (
    <div
      ref={ref}
      class="context-menu"
      role="menu"
      aria-label="Row actions"
      style={{ left: `${left}px`, top: `${top}px` }}
      onKeyDown={onKeyDown}
      data-testid="row-menu"
    >
      {KINDS.map((k) => (
        <button
          type="button"
          role="menuitem"
          tabIndex={-1}
          key={k}
          aria-label={`${SHARE_LABELS[k]}${copyNote(opts)}`}
          onClick={() => void copy(k)}
        >
          {SHARE_LABELS[k]}
        </button>
      ))}
      <button
        type="button"
        role="menuitem"
        tabIndex={-1}
        data-testid="menu-compare"
        onClick={() => {
          startPick(store, record.id);
          onClose();
        }}
      >
        Compare with…
      </button>
      <button
        type="button"
        role="menuitem"
        tabIndex={-1}
        onClick={() => {
          void services.client.openPage(panelPath(store.state.value.tabId, record.id));
          onClose();
        }}
      >
        Open in a new tab
      </button>
    </div>
  );
}
