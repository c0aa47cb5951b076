import { open, readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { archiveMembers, isZip, type ArchiveMember } from './archive.js';
import { messages } from './messages.js';

/** A file to read: where it is and how it is named to the user. */
export interface InputFile {
  path: string;
  displayPath: string;
  /** Named on the command line (true) or found inside a folder or an archive (false). */
  explicit: boolean;
  /** Set for a file inside a zip archive (`path` is then the archive's). */
  member?: ArchiveMember;
}

/** Inside folders only these are read; anything else (images, notes, binaries) is passed over. */
const READABLE = /\.(json|jsonl|ndjson|sarif|csv|gz|txt|zip)$/i;
const ZIP_NAME = /\.zip$/i;

async function startsAsZip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const magic = Buffer.alloc(4);
    await fh.read(magic, 0, 4, 0);
    return isZip(magic);
  } finally {
    await fh.close();
  }
}

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
 * hidden entries skipped, sorted by path for a deterministic order, and zip archives (named, or
 * found in a folder) into their members. A file reached twice is read once.
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
  // An archive's members are inputs of their own, found inside it as files are inside a folder.
  const addArchive = async (path: string, displayPath: string): Promise<void> => {
    if (taken.has(resolve(path))) return;
    taken.add(resolve(path));
    const members = (await archiveMembers(path, displayPath)).filter(
      (m) => READABLE.test(m.name) && !ZIP_NAME.test(m.name),
    );
    members.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const member of members)
      out.push({ path, displayPath: `${displayPath}/${member.name}`, explicit: false, member });
  };
  for (const given of paths) {
    const info = await stat(given).catch(() => undefined);
    if (!info) throw messages.notFound(given);
    if (!info.isDirectory()) {
      if (ZIP_NAME.test(given) || (info.size >= 4 && (await startsAsZip(given))))
        await addArchive(given, given);
      else add({ path: given, displayPath: given, explicit: true });
      continue;
    }
    const found: string[] = [];
    await walk(given, '', found, new Set());
    found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const prefix = given.replace(/\\/g, '/').replace(/\/+$/, '');
    for (const rel of found) {
      const path = join(given, rel);
      if (ZIP_NAME.test(rel)) await addArchive(path, `${prefix}/${rel}`);
      else add({ path, displayPath: `${prefix}/${rel}`, explicit: false });
    }
  }
  return out;
}
