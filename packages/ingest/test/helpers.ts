import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Snapshot } from '@exposure/score';
import { createContext, openSource } from '../src/context.js';
import type { Importer } from '../src/importer.js';

export const fixture = (...parts: string[]): string =>
  fileURLToPath(new URL(`./fixtures/${parts.join('/')}`, import.meta.url));

/** A fresh temporary folder for files a test writes. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'exposure-ingest-'));
}

export function writeTemp(dir: string, name: string, content: string | Buffer | object): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    typeof content === 'string' || Buffer.isBuffer(content)
      ? content
      : JSON.stringify(content, null, 2),
  );
  return path;
}

/** Imports one file with one importer and builds it (dated 2026-01-01 when it has no time). */
export async function importFile(importer: Importer, path: string): Promise<Snapshot> {
  const ctx = await createContext(await openSource(path, path));
  await importer.import(ctx);
  ctx.builder.takenAt ??= '2026-01-01T00:00:00Z';
  return ctx.builder.build();
}
