/**
 * The history folder on disk (exposure-history/1): `history.json` (the recorded days, first-seen
 * days, and the names of its state files) and `state-<digest>.json` (one carried state each: the
 * last day's, and the day before's, which is the previous run's state file kept as it is). A run
 * writes the new state file first, then replaces history.json in one rename, then deletes state
 * files no history.json names: a run killed at any point leaves a complete, consistent history.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  fromStateRecord,
  HISTORY_SCHEMA,
  isDeferred,
  type DeferredState,
  type History,
  type RecordedState,
  type SnapshotBuilder,
  type StateRecord,
} from '@exposure/score';
import { decodeColumns, encodeColumns } from './history-columns.js';
import { InputError, messages } from './messages.js';
import { parseJson } from './context.js';

export const HISTORY_FILE = 'history.json';

interface HistoryFile extends Omit<History, 'state' | 'base'> {
  /** The file beside this one that holds `state` (and, in the first layout, `base` too). */
  stateFile: string | null;
  /** The file that holds `base`; absent in the first layout, where the state file holds both. */
  baseFile?: string | null;
}

/**
 * One recorded state per file (a base is then the previous run's state file, not rewritten); its
 * finding columns are encoded (history-columns.ts).
 */
interface StateFile {
  schema: 'exposure-history-state/2';
  state: StateRecord;
}

/** The first layout: state and base in one file. Still read; never written. */
interface StateFileV1 {
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

/** Recorded states as read from disk, with the file they came from: written again as they are. */
const stored = new WeakMap<RecordedState, { name: string; text: () => string }>();

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const STATE_FILE_NAME = /^state-[0-9a-f]{16,64}\.json$/;

function stateFileName(head: string, key: 'stateFile' | 'baseFile', value: unknown): string {
  if (typeof value !== 'string' || !STATE_FILE_NAME.test(value))
    throw messages.invalid(
      head,
      key,
      `names no state file of this folder: ${JSON.stringify(value)}`,
    );
  return value;
}

async function readText(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((e: Error) => {
    throw messages.unreadable(file, e.message);
  });
}

function parseStateFile(text: string, file: string): StateFile | StateFileV1 {
  const parsed = parseJson(text, file);
  if (
    !isObject(parsed) ||
    (parsed.schema !== 'exposure-history-state/2' && parsed.schema !== 'exposure-history-state/1')
  )
    throw messages.invalid(file, 'schema', 'is not an Exposure history state');
  if (parsed.schema === 'exposure-history-state/2' && !isObject(parsed.state))
    throw messages.missing(file, '', 'state');
  for (const key of ['state', 'base'] as const) {
    const r = parsed[key];
    if (isObject(r)) r.findings = decodeColumns(r.findings, file);
  }
  return parsed as unknown as StateFile | StateFileV1;
}

/** A base state file, read when a run needs it (one that replaces the last recorded day). */
function deferredState(file: string, name: string): DeferredState {
  let text: string | undefined;
  const load = () => (text ??= readFileSync(file, 'utf8'));
  const ref: DeferredState = {
    deferred: true,
    read: () => {
      const parsed = parseStateFile(load(), file);
      if (parsed.schema !== 'exposure-history-state/2')
        throw messages.invalid(file, 'schema', 'is not a base state file');
      return parsed.state;
    },
  };
  stored.set(ref, { name, text: load });
  return ref;
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
  let state: StateRecord | null = null;
  let base: RecordedState | null = null;
  let stateFile: string | undefined;
  if (h.stateFile !== null) {
    const name = stateFileName(file, 'stateFile', h.stateFile);
    stateFile = join(dir, name);
    const raw = await readText(stateFile);
    const parsed = parseStateFile(raw, stateFile);
    if (parsed.schema === 'exposure-history-state/2') {
      state = parsed.state;
      stored.set(state, { name, text: () => raw });
    } else {
      if ('baseFile' in h)
        throw messages.invalid(file, 'baseFile', 'is given, but the state file holds a base too');
      ({ state, base } = parsed);
    }
  }
  if (h.baseFile !== undefined && h.baseFile !== null) {
    const name = stateFileName(file, 'baseFile', h.baseFile);
    base = deferredState(join(dir, name), name);
  }
  const { stateFile: _file, baseFile: _base, ...rest } = h;
  const record: History = { ...rest, state, base };
  if (!record.state) return { record, builder: null, observedAt: new Map() };
  try {
    const { builder, observedAt } = fromStateRecord(record.state);
    return { record, builder, observedAt };
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw messages.invalid(stateFile ?? file, 'state', (e as Error).message);
  }
}

interface HistoryFileEntry {
  path: string;
  content: () => string;
  /** Read from a history folder as it is (it then exists there already, under this name). */
  reused: boolean;
}

/** A state's file: the one it was read from when it was, else newly written. */
function stateFileOf(s: RecordedState): HistoryFileEntry {
  const known = stored.get(s);
  if (known) return { path: known.name, content: known.text, reused: true };
  if (isDeferred(s)) throw new Error('a deferred state that was not read from a history folder');
  const body = {
    schema: 'exposure-history-state/2',
    state: { ...s, findings: encodeColumns(s.findings) },
  };
  const content = JSON.stringify(body);
  return {
    path: `state-${createHash('sha256').update(content).digest('hex').slice(0, 32)}.json`,
    content: () => content,
    reused: false,
  };
}

function historyEntries(history: History): HistoryFileEntry[] {
  const { state, base, ...rest } = history;
  const files: HistoryFileEntry[] = [];
  const add = (s: RecordedState | null): string | null => {
    if (s === null) return null;
    const f = stateFileOf(s);
    if (!files.some((x) => x.path === f.path)) files.push(f);
    return f.path;
  };
  const head: HistoryFile = { ...rest, stateFile: add(state), baseFile: add(base) };
  const content = `${JSON.stringify(head)}\n`;
  files.push({ path: HISTORY_FILE, content: () => content, reused: false });
  return files;
}

/** The files of a history folder, named as they are to be written. */
export function historyFiles(history: History): Array<{ path: string; content: string }> {
  return historyEntries(history).map((f) => ({ path: f.path, content: f.content() }));
}

/** Writes a history folder so that a run killed at any point leaves the old or the new one whole. */
export async function writeHistoryFolder(dir: string, history: History): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files = historyEntries(history);
  const temp = `.${HISTORY_FILE}.tmp-${process.pid}`;
  for (const f of files) {
    if (f.path === HISTORY_FILE) {
      await writeFile(join(dir, temp), f.content());
      await rename(join(dir, temp), join(dir, HISTORY_FILE));
    } else if (!(f.reused && (await exists(join(dir, f.path))))) {
      // A state file is named by its content's digest: one already there is kept as it is.
      await writeFile(join(dir, `${f.path}.tmp-${process.pid}`), f.content());
      await rename(join(dir, `${f.path}.tmp-${process.pid}`), join(dir, f.path));
    }
  }
  const keep = new Set(files.map((f) => f.path));
  for (const name of await readdir(dir))
    if (/^state-[0-9a-f]+\.json$/.test(name) && !keep.has(name))
      await rm(join(dir, name), { force: true });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
