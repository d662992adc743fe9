// What a command touches of its process: handed in, so tests run commands in-process.
export interface Out {
  write(s: string): unknown;
  isTTY?: boolean;
}

export interface Io {
  stdout: Out;
  stderr: Out;
  stdin: AsyncIterable<Uint8Array | string> & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

/** A bad invocation or bad input: one line on stderr, exit 2. */
export class UsageError extends Error {}

/** Exit codes: 0 clean, 1 a finding at the --fail-on level, 2 the input or the invocation was refused. */
export const EXIT = { ok: 0, findings: 1, refused: 2 } as const;
