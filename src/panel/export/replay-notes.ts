// What a copied command or snippet says about itself, as comments: with secrets masked it cannot
// replay the request, and a record whose request headers were not seen replays without them.
import { anyMasked } from '../../redact/record.ts';
import type { CaptureRecord } from '../../shared/types.ts';

export function replayNotes(
  original: CaptureRecord,
  masked: CaptureRecord,
  reveal: boolean,
  comment: '#' | '//',
  what: 'command' | 'snippet',
): string[] {
  const notes: string[] = [];
  if (!reveal && anyMasked(original, masked))
    notes.push(`${comment} AuthLens: secrets are masked (•••); reveal them to get a ${what} that replays the request.`);
  if (!original.requestHeadersKnown)
    notes.push(`${comment} AuthLens: the request headers were not seen; this ${what} has none of them.`);
  return notes;
}
