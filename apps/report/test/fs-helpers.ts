import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function tempDir(prefix = 'exposure-cli-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Every file under a folder, relative path → bytes (for byte-for-byte comparisons). */
export async function readTree(root: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(join(dir, entry.name), rel);
      else out.set(rel, await readFile(join(dir, entry.name)));
    }
  };
  await walk(root, '');
  return out;
}
