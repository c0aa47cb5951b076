import type { Snapshot } from '@exposure/score';
import { snapshotOn } from './daily.js';
import { buildSnapshot, type NativeSnapshotFile } from './native.js';
import { makeWorld, type DemoOptions } from './world.js';

export { NATIVE_SCHEMA, buildSnapshot, type NativeSnapshotFile } from './native.js';
export { DEMO_DEFAULTS, type DemoOptions } from './world.js';
export {
  generateLargeSnapshot,
  writeLargeSnapshotChunks,
  type LargeSnapshotOptions,
} from './large.js';

export interface DemoHistory {
  organization: string;
  /** Oldest first, one a day. */
  snapshots: Snapshot[];
}

export interface DemoInputs {
  organization: string;
  /** Oldest first, one a day, in the native file form. */
  snapshots: NativeSnapshotFile[];
}

/** The demo history as native snapshot objects (what `exposure-snapshot/1` files hold). */
export function generateDemoInputs(options: DemoOptions = {}): DemoInputs {
  const world = makeWorld(options);
  const snapshots: NativeSnapshotFile[] = [];
  for (let day = 0; day < world.calendar.days; day++) snapshots.push(snapshotOn(world, day));
  return { organization: world.organization, snapshots };
}

/** The demo history as built snapshots, ready to assess; built from the same native objects. */
export function generateDemoHistory(options: DemoOptions = {}): DemoHistory {
  const world = makeWorld(options);
  const snapshots: Snapshot[] = [];
  // One day at a time, so the native objects of a day can be dropped once it is built.
  for (let day = 0; day < world.calendar.days; day++)
    snapshots.push(buildSnapshot(snapshotOn(world, day)));
  return { organization: world.organization, snapshots };
}
