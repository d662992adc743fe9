import { useState } from 'preact/hooks';
import { useServices } from '../providers.ts';

interface Props {
  /** the text, or how to make it (a report may wait for its diagnosis) */
  text: string | (() => string | Promise<string>);
  label: string;
  /** visible text; defaults to "Copy" */
  children?: string;
  class?: string;
}

export function CopyButton({ text, label, children, class: cls }: Props) {
  const services = useServices();
  const [state, setState] = useState<'idle' | 'ok' | 'failed'>('idle');
  const onClick = async (): Promise<void> => {
    const ok = await services.copy(typeof text === 'function' ? await text() : text);
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
