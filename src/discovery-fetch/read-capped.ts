// A response body read as a stream that stops at the cap: a 10 MB document costs 256 KB of
// memory and the rest is never downloaded (the stream is cancelled, which closes the connection).

export interface CappedBody {
  text: string;
  bytes: number;
  truncated: boolean;
}

export async function readCapped(body: ReadableStream<Uint8Array> | null, cap: number): Promise<CappedBody> {
  if (!body) return { text: '', bytes: 0, truncated: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let truncated = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const room = cap - bytes;
      if (value.byteLength > room) {
        chunks.push(value.subarray(0, room));
        bytes = cap;
        truncated = true;
        break;
      }
      chunks.push(value);
      bytes += value.byteLength;
    }
  } finally {
    if (truncated) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
  const all = new Uint8Array(bytes);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return { text: new TextDecoder().decode(all), bytes, truncated };
}
