// One secret value: masked until revealed on purpose (or the revealSecrets setting is on).
import { useStore } from '../providers.ts';
import { isRevealed, toggleReveal } from '../store.ts';
import { CopyButton } from './copy-button.tsx';

interface Props {
  /** `${recordId}|${what}`: what the reveal state is remembered under */
  secretKey: string;
  value: string;
  /** how it shows until revealed (src/redact for headers and URLs, the engine for credentials) */
  masked: string;
  /** human name for labels: "Authorization header", "cookie sid" */
  label: string;
}

export function Secret({ secretKey, value, masked, label }: Props) {
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
        {shown ? value : masked}
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
