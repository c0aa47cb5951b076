/** Shared by the scanner importer tests: run an importer on a file and read the snapshot back as plain rows. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STATUS_CODES, type Snapshot } from '@exposure/score';
import { createContext, openSource } from '../src/context.js';
import type { Importer } from '../src/importer.js';

export interface Loaded {
  snapshot: Snapshot;
  /** builder.takenAt as the importer left it (before the test default). */
  takenAt: string | undefined;
  findings: Array<{
    device: string;
    weakness: string;
    software?: string;
    version?: string;
    fixedVersion?: string;
    status: string;
  }>;
}

export async function load(importer: Importer, path: string, displayPath = path): Promise<Loaded> {
  const ctx = await createContext(await openSource(path, displayPath));
  await importer.import(ctx);
  const takenAt = ctx.builder.takenAt;
  ctx.builder.takenAt ??= '2026-01-01T00:00:00Z';
  const s = ctx.builder.build();
  const str = (i: number) => (i >= 0 ? s.strings[i] : undefined);
  const findings = Array.from({ length: s.findings.count }, (_, i) => {
    const sw = s.findings.software[i]!;
    const software = sw >= 0 ? `${s.software[sw]!.vendor}/${s.software[sw]!.product}` : undefined;
    const version = str(s.findings.version[i]!);
    const fixedVersion = str(s.findings.fixedVersion[i]!);
    return {
      device: s.devices[s.findings.device[i]!]!.id,
      weakness: s.weaknesses[s.findings.weakness[i]!]!.id,
      ...(software && { software }),
      ...(version && { version }),
      ...(fixedVersion && { fixedVersion }),
      status: STATUS_CODES[s.findings.status[i]!]!,
    };
  });
  return { snapshot: s, takenAt, findings };
}

export function weakness(snapshot: Snapshot, id: string) {
  const w = snapshot.weaknesses.find((x) => x.id === id);
  if (!w)
    throw new Error(`no weakness ${id}; have ${snapshot.weaknesses.map((x) => x.id).join(', ')}`);
  return w;
}

/** Writes a JSON document (or raw text) to a fresh temporary file and returns its path. */
export function tempJson(content: unknown, name = 'input.json'): string {
  const dir = mkdtempSync(join(tmpdir(), 'exposure-scanner-'));
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}
