/**
 * exposure.config.json: the settings a scheduled job would otherwise type on every run. Found in
 * the working folder, or given with --config FILE; checked against the published schema
 * (exposure-config-1), so an unknown key or a wrong type is exit 2 naming the file and the key.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { checkAgainstSchema, messages, parseJson } from '@exposure/ingest';
import type { SlaPolicy } from '@exposure/score';

export const CONFIG_FILE = 'exposure.config.json';

export interface ConfigFile {
  organization?: string;
  language?: 'en' | 'nl';
  feeds?: { kev?: string; epss?: string };
  assets?: string;
  exceptions?: string;
  sla?: Partial<SlaPolicy>;
  history?: string;
  gates?: {
    failOn?: 'low' | 'medium' | 'high';
    maxScore?: number;
    failOnOverdue?: boolean;
    failOnNewKev?: boolean;
  };
  classification?: string;
}

export interface LoadedConfig {
  /** The file as the user named it (or exposure.config.json). */
  file: string;
  /** Folder its paths are relative to. */
  dir: string;
  config: ConfigFile;
}

async function readIfThere(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Reads the configuration: `explicit` (from --config) must exist; without it, exposure.config.json
 * in `cwd` is read when there is one. `false` (--no-config) reads nothing.
 */
export async function loadConfig(
  explicit: string | false | undefined,
  cwd: string,
): Promise<LoadedConfig | undefined> {
  if (explicit === false) return undefined;
  const file = explicit ?? CONFIG_FILE;
  const path = resolve(cwd, file);
  let text: string | undefined;
  try {
    text = await readIfThere(path);
  } catch (e) {
    throw messages.unreadable(file, e instanceof Error ? e.message : String(e));
  }
  if (text === undefined) {
    if (explicit !== undefined) throw messages.notFound(file);
    return undefined;
  }
  if (text.trim() === '') throw messages.emptyFile(file);
  const doc = parseJson(text.replace(/^\uFEFF/, ''), file);
  checkAgainstSchema('exposure-config-1', doc, file);
  return { file, dir: dirname(path), config: doc as ConfigFile };
}
