// Runs the authlens command in-process with captured streams (test helper).
import { main } from '../../src/cli/main.ts';
import type { Io } from '../../src/cli/io.ts';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(
  argv: string[],
  o: { stdin?: (Uint8Array | string)[] | AsyncIterable<Uint8Array | string>; tty?: boolean; env?: Io['env'] } = {},
): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const chunks = o.stdin ?? [];
  const stdin = Object.assign(
    Array.isArray(chunks)
      ? (async function* () {
          yield* chunks;
        })()
      : chunks,
    { isTTY: o.tty ?? false },
  );
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: o.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    stdin,
    env: o.env ?? {},
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}
