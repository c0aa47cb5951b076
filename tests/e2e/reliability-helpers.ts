/**
 * Checks shared by the reliability tests (issue 9): a refusal is exit 2 with a message naming the
 * file and the place and no JavaScript stack, and a run changes nothing outside its output folder.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, lstat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import type { Run } from './helpers.js';

/** Exit 2, the file and the place named on stderr, no stack trace, no V8 fatal error. */
export function expectRefusal(r: Run, file: string, place: string | RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(file);
  if (typeof place === 'string') expect(r.stderr).toContain(place);
  else expect(r.stderr).toMatch(place);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/FATAL|heap out of memory|a bug/i);
}

/**
 * Every file and folder under `dir` with a digest of its content, leaving out the output folder
 * `out` (a top-level name) and the versions, links and lock the CLI keeps beside it (`.out.*`).
 */
export async function fingerprint(dir: string, out = 'site'): Promise<string[]> {
  const entries: string[] = [];
  async function walk(at: string): Promise<void> {
    for (const name of (await readdir(at)).sort()) {
      const path = join(at, name);
      const rel = relative(dir, path);
      if (at === dir && (name === out || name.startsWith(`.${out}.`))) continue;
      const info = await lstat(path);
      if (info.isDirectory()) {
        entries.push(`${rel}/`);
        await walk(path);
      } else {
        const hash = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
        entries.push(`${rel} ${info.size} ${hash}`);
      }
    }
  }
  await walk(dir);
  return entries;
}
