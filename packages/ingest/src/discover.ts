import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { messages } from './messages.js';

/** A file to read: where it is and how it is named to the user. */
export interface InputFile {
  path: string;
  displayPath: string;
  /** Named on the command line (true) or found inside a folder (false). */
  explicit: boolean;
}

/** Inside folders only these are read; anything else (images, notes, binaries) is passed over. */
const READABLE = /\.(json|jsonl|ndjson|sarif|csv|gz|txt)$/i;

async function walk(dir: string, rel: string, out: string[], seen: Set<string>): Promise<void> {
  const real = await realpath(dir);
  if (seen.has(real)) return; // a symlink loop
  seen.add(real);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    const isDir =
      entry.isDirectory() ||
      (entry.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isDirectory());
    if (isDir) await walk(path, relPath, out, seen);
    else if (READABLE.test(entry.name)) out.push(relPath);
  }
}

/**
 * Expands files and folders into the files to read: files as given, folders recursively with
 * hidden entries skipped, sorted by path for a deterministic order. A file reached twice is read once.
 */
export async function discoverInputs(paths: readonly string[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  const taken = new Set<string>();
  const add = (file: InputFile): void => {
    const key = resolve(file.path);
    if (taken.has(key)) return;
    taken.add(key);
    out.push(file);
  };
  for (const given of paths) {
    const info = await stat(given).catch(() => undefined);
    if (!info) throw messages.notFound(given);
    if (!info.isDirectory()) {
      add({ path: given, displayPath: given, explicit: true });
      continue;
    }
    const found: string[] = [];
    await walk(given, '', found, new Set());
    found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const prefix = given.replace(/\\/g, '/').replace(/\/+$/, '');
    for (const rel of found)
      add({ path: join(given, rel), displayPath: `${prefix}/${rel}`, explicit: false });
  }
  return out;
}
