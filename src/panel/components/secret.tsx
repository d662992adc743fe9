// One secret value: masked until revealed on purpose (or the revealSecrets setting is on).
// Revealing is per value: the same value shows in clear wherever it occurs in this record.
import { useStore } from '../providers.ts';
import { Masker } from '../../redact/masker.ts';
import { isRevealed, revealsAll, toggleReveal, viewMasker } from '../reveal.ts';
import { CopyButton } from './copy-button.tsx';
import { clip } from './display.ts';

interface Props {
  recordId: string;
  value: string;
  /** how it shows until revealed (src/redact) */
  masked: string;
  /** human name for labels: "Authorization header", "cookie sid" */
  label: string;
  /** no copy button (the value is not the user's to paste: a name, not a credential) */
  noCopy?: boolean;
}

export function Secret({ recordId, value, masked, label, noCopy }: Props) {
  const store = useStore();
  const shown = isRevealed(store, recordId, value);
  return (
    <span class="secret">
      <code
        class={shown ? 'value revealed' : 'value masked'}
        data-testid="secret"
        data-revealed={shown ? 'true' : 'false'}
      >
        {clip(shown ? value : masked)}
      </code>
      {!revealsAll(store) && (
        <button
          type="button"
          class="btn small"
          aria-pressed={shown}
          aria-label={`${shown ? 'Hide' : 'Reveal'} ${label}`}
          onClick={() => toggleReveal(store, recordId, value)}
        >
          {shown ? 'Hide' : 'Reveal'}
        </button>
      )}
      {!noCopy && <CopyButton text={value} label={`Copy ${label} (unmasked)`} />}
    </span>
  );
}

interface MaybeProps extends Omit<Props, 'masked'> {
  /** the value masked by this masker (src/redact) */
  mask: (m: Masker) => string;
}

/**
 * A value that may hold a secret: plain when masking leaves it as it is, else a Secret whose
 * masked form shows in clear the parts revealed elsewhere (one cookie of a Cookie header).
 */
export function MaybeSecret({ mask, ...props }: MaybeProps) {
  const store = useStore();
  if (mask(new Masker({ key: store.fingerprintKey })) === props.value) return <code>{clip(props.value)}</code>;
  return <Secret {...props} masked={mask(viewMasker(store, props.recordId))} />;
}
