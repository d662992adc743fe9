// A status code as a coloured chip; the colour says which kind of refusal (who must act), the
// text says the code, so colour is never the only signal.
export function chipClass(status: number): string {
  if (status === 401 || status === 403 || status === 407) return `chip chip-${status}`;
  return 'chip';
}

export function StatusChip({ status }: { status: number }) {
  return <span class={chipClass(status)}>{status}</span>;
}
