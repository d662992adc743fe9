// A labelled checkbox with its explanation tied to it (aria-describedby), so a screen reader
// hears what the switch does, not just its name.
export interface ToggleProps {
  id: string;
  label: string;
  help: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function Toggle({ id, label, help, checked, onChange }: ToggleProps) {
  return (
    <div class="field toggle">
      <input
        id={id}
        data-testid={id}
        type="checkbox"
        checked={checked}
        aria-describedby={`${id}-help`}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <label for={id}>{label}</label>
      <p id={`${id}-help`} class="help muted">
        {help}
      </p>
    </div>
  );
}
