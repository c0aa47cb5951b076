import type { Snapshot } from './snapshot.js';

/**
 * How much of the fleet an observation speaks for (docs/fleet-state.md): a **full** one lists the
 * whole fleet at its time (a native snapshot, a Defender machine list or export); a **partial** one
 * covers only the targets it scanned (one image, one lockfile, one repository).
 */
export type Coverage = 'full' | 'partial';

/**
 * Where an observation's time came from, in order of preference: the file's own time, the date of
 * its dated folder, `--as-of`, the file's modification time; `history` for the state carried over
 * from an earlier run.
 */
export type TimeSource = 'file' | 'folder' | 'as-of' | 'mtime' | 'history';

/** What one input says at one time. */
export interface Observation {
  /** The input as the user named it (a path), or "history". */
  source: string;
  format: string;
  /** Epoch milliseconds. */
  time: number;
  timeSource: TimeSource;
  coverage: Coverage;
  snapshot: Snapshot;
  /**
   * Per-device observation times, for an observation that gathers devices seen at different
   * times (the history's carried state); every other device was observed at `time`.
   */
  deviceTimes?: ReadonlyMap<string, number>;
  /** At equal times, this observation's devices yield to the others' (the carried state does). */
  yields?: boolean;
}

/** The UTC day (YYYY-MM-DD) of an epoch-millisecond time. */
export function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The last millisecond of the UTC day of `time`. */
export function endOfUtcDay(time: number): number {
  return Date.parse(`${utcDay(time)}T00:00:00.000Z`) + 86_400_000 - 1;
}
