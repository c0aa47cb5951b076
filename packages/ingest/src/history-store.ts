/**
 * The history folder on disk (exposure-history/1): `history.json` (the recorded days, first-seen
 * days, and the name of its state file) and `state-<digest>.json` (the carried states). A run
 * writes the new state file first, then replaces history.json in one rename, then deletes state
 * files no history.json names: a run killed at any point leaves a complete, consistent history.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  fromStateRecord,
  HISTORY_SCHEMA,
  type History,
  type SnapshotBuilder,
  type StateRecord,
} from '@exposure/score';
import { InputError, messages } from './messages.js';
import { parseJson } from './context.js';

export const HISTORY_FILE = 'history.json';

interface HistoryFile extends Omit<History, 'state' | 'base'> {
  /** The file beside this one that holds `state` and `base`. */
  stateFile: string | null;
}

interface StateFile {
  schema: 'exposure-history-state/1';
  state: StateRecord | null;
  base: StateRecord | null;
}

export interface StoredHistory {
  record: History;
  /** The carried state, not built yet: feeds are applied to it first. */
  builder: SnapshotBuilder | null;
  observedAt: Map<string, number>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a history folder; null when it holds none yet (missing or empty). */
export async function readHistoryFolder(dir: string): Promise<StoredHistory | null> {
  const file = join(dir, HISTORY_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw messages.unreadable(file, (e as Error).message);
  }
  const head = parseJson(text.replace(/^\uFEFF/, ''), file);
  if (!isObject(head) || head.schema !== HISTORY_SCHEMA)
    throw messages.invalid(
      file,
      'schema',
      `is not an Exposure history (expected "schema": "${HISTORY_SCHEMA}")`,
    );
  for (const key of ['model', 'retentionDays', 'days', 'firstSeen'] as const)
    if (!(key in head)) throw messages.missing(file, '', key);
  if (!Array.isArray(head.days)) throw messages.wrongType(file, 'days', 'a list', head.days);
  const h = head as unknown as HistoryFile;
  let state: StateFile = { schema: 'exposure-history-state/1', state: null, base: null };
  if (h.stateFile !== null) {
    if (typeof h.stateFile !== 'string' || !/^state-[0-9a-f]{16,64}\.json$/.test(h.stateFile))
      throw messages.invalid(
        file,
        'stateFile',
        `names no state file of this folder: ${JSON.stringify(h.stateFile)}`,
      );
    const stateFile = join(dir, h.stateFile);
    const raw = await readFile(stateFile, 'utf8').catch((e: Error) => {
      throw messages.unreadable(stateFile, e.message);
    });
    const parsed = parseJson(raw, stateFile);
    if (!isObject(parsed) || parsed.schema !== 'exposure-history-state/1')
      throw messages.invalid(stateFile, 'schema', 'is not an Exposure history state');
    state = parsed as unknown as StateFile;
  }
  const { stateFile: _file, ...rest } = h;
  const record: History = { ...rest, state: state.state, base: state.base };
  if (!record.state) return { record, builder: null, observedAt: new Map() };
  try {
    const { builder, observedAt } = fromStateRecord(record.state);
    return { record, builder, observedAt };
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw messages.invalid(join(dir, h.stateFile ?? ''), 'state', (e as Error).message);
  }
}

/** The files of a history folder, named as they are to be written. */
export function historyFiles(history: History): Array<{ path: string; content: string }> {
  const { state, base, ...rest } = history;
  const files: Array<{ path: string; content: string }> = [];
  let stateFile: string | null = null;
  if (state || base) {
    const body: StateFile = { schema: 'exposure-history-state/1', state, base };
    const content = JSON.stringify(body);
    stateFile = `state-${createHash('sha256').update(content).digest('hex').slice(0, 32)}.json`;
    files.push({ path: stateFile, content });
  }
  const head: HistoryFile = { ...rest, stateFile };
  files.push({ path: HISTORY_FILE, content: `${JSON.stringify(head, null, 1)}\n` });
  return files;
}

/** Writes a history folder so that a run killed at any point leaves the old or the new one whole. */
export async function writeHistoryFolder(dir: string, history: History): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files = historyFiles(history);
  const temp = `.${HISTORY_FILE}.tmp-${process.pid}`;
  for (const f of files) {
    if (f.path === HISTORY_FILE) {
      await writeFile(join(dir, temp), f.content);
      await rename(join(dir, temp), join(dir, HISTORY_FILE));
    } else {
      await writeFile(join(dir, `${f.path}.tmp-${process.pid}`), f.content);
      await rename(join(dir, `${f.path}.tmp-${process.pid}`), join(dir, f.path));
    }
  }
  const keep = new Set(files.map((f) => f.path));
  for (const name of await readdir(dir))
    if (/^state-[0-9a-f]+\.json$/.test(name) && !keep.has(name))
      await rm(join(dir, name), { force: true });
}
