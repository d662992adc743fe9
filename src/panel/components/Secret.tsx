// One secret value: masked until revealed on purpose (or the revealSecrets setting is on).
import { maskHeaderValue } from '../../redact/secrets.ts';
import { useStore } from '../context.ts';
import { isRevealed, toggleReveal } from '../store.ts';
import { CopyButton } from './CopyButton.tsx';

interface Props {
  /** `${recordId}|${what}`: what the reveal state is remembered under */
  secretKey: string;
  /** header name the value came from, for masking rules (e.g. keep the scheme of Authorization) */
  name: string;
  value: string;
  /** human name for labels: "Authorization header", "cookie sid" */
  label: string;
}

export function Secret({ secretKey, name, value, label }: Props) {
  const store = useStore();
  const shown = isRevealed(store, secretKey);
  const global = store.state.value.settings.revealSecrets;
  return (
    <span class="secret">
      <code
        class={shown ? 'value revealed' : 'value masked'}
        data-testid="secret"
        data-revealed={shown ? 'true' : 'false'}
      >
        {shown ? value : maskHeaderValue(name, value)}
      </code>
      {!global && (
        <button
          type="button"
          class="btn small"
          aria-pressed={shown}
          aria-label={`${shown ? 'Hide' : 'Reveal'} ${label}`}
          onClick={() => toggleReveal(store, secretKey)}
        >
          {shown ? 'Hide' : 'Reveal'}
        </button>
      )}
      <CopyButton text={value} label={`Copy ${label} (unmasked)`} />
    </span>
  );
}
