import { useState } from 'preact/hooks';
import { useServices } from '../context.ts';

interface Props {
  text: string | (() => string);
  label: string;
  /** visible text; defaults to "Copy" */
  children?: string;
  class?: string;
}

export function CopyButton({ text, label, children, class: cls }: Props) {
  const services = useServices();
  const [state, setState] = useState<'idle' | 'ok' | 'failed'>('idle');
  const onClick = async (): Promise<void> => {
    const ok = await services.copy(typeof text === 'function' ? text() : text);
    setState(ok ? 'ok' : 'failed');
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button
      type="button"
      class={`btn small ${cls ?? ''}`}
      aria-label={label}
      title={label}
      onClick={() => void onClick()}
    >
      {state === 'ok' ? 'Copied' : state === 'failed' ? 'Copy failed' : (children ?? 'Copy')}
    </button>
  );
}
