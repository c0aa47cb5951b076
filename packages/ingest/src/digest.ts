import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * sha256 of a file's bytes as stored (compressed bytes for .gz), streamed. It runs beside the
 * import, whose JSON.parse holds the main thread for a second on a big file: large chunks keep
 * the number of turns the hash needs on the main thread small, so it is done when the import is.
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 8 * 1024 * 1024 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** One digest over every input: sha256 of `path\0sha256\n` lines, in input order. */
export function inputsDigest(files: ReadonlyArray<{ path: string; sha256: string }>): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.path}\0${f.sha256}\n`);
  return hash.digest('hex');
}
