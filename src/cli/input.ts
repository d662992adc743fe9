// Where `explain` reads from: a file (checked before a byte is read: missing, a directory, too
// big) or stdin (`-`; a terminal is refused rather than waited on). Each refusal is one line.
import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileSizeProblem } from '../har/limits.ts';
import { UsageError, type Io } from './io.ts';

export interface Input {
  name: string;
  /** bytes, when known up front (a file) */
  size?: number;
  chunks: AsyncIterable<Uint8Array | string>;
}

const CHUNK = 256 * 1024;

export function openInput(arg: string, io: Io): Input {
  if (arg === '-') {
    if (io.stdin.isTTY)
      throw new UsageError('stdin is a terminal: pipe a HAR file in (… | authlens explain -) or name a file');
    return { name: 'stdin', chunks: io.stdin };
  }
  const path = resolve(io.cwd, arg);
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new UsageError(`${arg} is a directory, not a HAR file`);
    size = st.size;
    const tooBig = st.isFile() ? fileSizeProblem(size) : undefined;
    if (tooBig) throw new UsageError(`${arg} is ${tooBig}`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${arg}: ${systemReason(e)}`);
  }
  return { name: arg, size, chunks: createReadStream(path, { highWaterMark: CHUNK }) };
}

/** A Node system error as a reader would say it, without the syscall jargon. */
export function systemReason(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a HAR file';
    case 'ENAMETOOLONG':
      return 'file name too long';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default: {
      const m = e instanceof Error ? e.message : String(e);
      return `cannot read it (${m.split('\n')[0]})`;
    }
  }
}
