/**
 * exposure-history/1: what one run leaves for the next, so that the trend, its attribution and each
 * open pair's first-seen day carry forward without the raw inputs (docs/fleet-state.md, "History").
 *
 * - `days`: per recorded UTC day, its trend point and the change from the day before, for the
 *   organization and for each group;
 * - `state`: the fleet state at the end of the last recorded day (each device with the time it was
 *   observed), so the next run starts from it;
 * - `base`: the state at the end of the day before, so that a run that replaces the last day can
 *   still attribute that day's change (left unread until such a run needs it);
 * - `firstSeen`: the first day each open (device, weakness) pair of `base` or `state` was seen.
 */
import type { StateRecord } from './state-record.js';
import type { Change, TrendPoint } from './trend-types.js';

export const HISTORY_SCHEMA = 'exposure-history/1';

/** Days older than this before the last recorded day are pruned. */
export const HISTORY_RETENTION_DAYS = 400;

export interface ScopeDay {
  point: TrendPoint;
  /** From the previous recorded day's point of the same scope; null for the first. */
  change: Change | null;
}

export interface HistoryDay {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  organization: ScopeDay;
  /** Keyed by group name. */
  groups: Record<string, ScopeDay>;
}

/** First-seen days of open pairs, in columns: indexes into `devices`, `weaknesses` and `days`. */
export interface FirstSeenRecord {
  devices: string[];
  weaknesses: string[];
  days: string[];
  device: number[];
  weakness: number[];
  day: number[];
}

/**
 * A recorded state left unread. The state before the last day is needed only by a run that
 * replaces that day; every other run hands it on as it is, so reading it would be wasted.
 */
export interface DeferredState {
  readonly deferred: true;
  read(): StateRecord;
}

export type RecordedState = StateRecord | DeferredState;

export function isDeferred(s: RecordedState): s is DeferredState {
  return (s as Partial<DeferredState>).deferred === true;
}

/** The state itself, read now if it was deferred. */
export function readState(s: RecordedState | null): StateRecord | null {
  return s === null ? null : isDeferred(s) ? s.read() : s;
}

export interface History {
  schema: typeof HISTORY_SCHEMA;
  model: string;
  retentionDays: number;
  days: HistoryDay[];
  state: StateRecord | null;
  base: RecordedState | null;
  firstSeen: FirstSeenRecord;
}

export function emptyHistory(model: string, retentionDays = HISTORY_RETENTION_DAYS): History {
  return {
    schema: HISTORY_SCHEMA,
    model,
    retentionDays,
    days: [],
    state: null,
    base: null,
    firstSeen: { devices: [], weaknesses: [], days: [], device: [], weakness: [], day: [] },
  };
}

/** The recorded days within the retention, counted back from the last one. */
export function prune(days: readonly HistoryDay[], retentionDays: number): HistoryDay[] {
  const last = days[days.length - 1];
  if (!last) return [];
  const cutoff = Date.parse(`${last.day}T00:00:00Z`) - retentionDays * 86_400_000;
  const kept = days.filter((d) => Date.parse(`${d.day}T00:00:00Z`) > cutoff);
  // The first kept day's change points at a pruned day: it stays, it still explains that day.
  return kept;
}
