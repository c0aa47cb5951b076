/**
 * A fleet state as plain data, for the history to carry between runs: findings in columns of
 * integers (indexes into the record's own tables), so that 20,000 devices with a million findings
 * take tens of megabytes, not hundreds. The columns are typed arrays when written by this module
 * and plain arrays when read from a file of the first layout; the history store encodes them.
 */
import type { Snapshot } from './snapshot.js';
import { SnapshotBuilder, SnapshotError } from './snapshot-builder.js';
import { weaknessInput } from './fleet-state.js';
import type { DeviceInput, WeaknessInput } from './types.js';

export interface StateRecord {
  asOf: string;
  organization: string | null;
  /** Each device as its inputs described it, with the time its findings were observed. */
  devices: Array<DeviceInput & { observedAt: string }>;
  weaknesses: WeaknessInput[];
  /** [vendor, product] */
  software: Array<[string, string]>;
  strings: string[];
  recommendations: Array<{ id: string; title: string }>;
  /** One entry per finding in each column; -1 means absent. */
  findings: FindingColumns;
}

export interface FindingColumns {
  device: ArrayLike<number>;
  weakness: ArrayLike<number>;
  software: ArrayLike<number>;
  version: ArrayLike<number>;
  fixedVersion: ArrayLike<number>;
  /** Index into STATUS_CODES. */
  status: ArrayLike<number>;
  activeAlert: ArrayLike<number>;
  recommendation: ArrayLike<number>;
}

export function toStateRecord(s: Snapshot, observedAt: ReadonlyMap<string, number>): StateRecord {
  const f = s.findings;
  return {
    asOf: s.takenAt,
    organization: s.organization ?? null,
    devices: s.devices.map(({ index: _i, inScope: _s, tags, ...d }) => ({
      ...d,
      ...(tags.length > 0 && { tags }),
      observedAt: new Date(observedAt.get(d.id) ?? s.time).toISOString(),
    })),
    weaknesses: s.weaknesses.map(weaknessInput),
    software: s.software.map((x) => [x.vendor, x.product]),
    strings: [...s.strings],
    recommendations: s.importedRecommendations.map((r) => ({ id: r.id, title: r.title })),
    // Copies, so that a record can be changed without changing the snapshot.
    findings: {
      device: f.device.slice(),
      weakness: f.weakness.slice(),
      software: f.software.slice(),
      version: f.version.slice(),
      fixedVersion: f.fixedVersion.slice(),
      status: f.status.slice(),
      activeAlert: f.activeAlert.slice(),
      recommendation: f.recommendation.slice(),
    },
  };
}

/** Where a record does not hold together (a hand-edited or damaged history). */
function bad(where: string): never {
  throw new SnapshotError(`the history's state is damaged: ${where}`);
}

/**
 * A builder holding the recorded state, ready for feeds to be applied and to be built; also each
 * device's observation time.
 */
export function fromStateRecord(r: StateRecord): {
  builder: SnapshotBuilder;
  observedAt: Map<string, number>;
} {
  const builder = new SnapshotBuilder({ takenAt: r.asOf });
  if (r.organization !== null) builder.organization = r.organization;
  for (const w of r.weaknesses) builder.addWeakness(w);
  for (const rec of r.recommendations) builder.addRecommendation(rec);
  const observedAt = new Map<string, number>();
  for (const { observedAt: at, ...d } of r.devices) {
    builder.addDevice(d);
    const t = Date.parse(at);
    if (Number.isNaN(t)) bad(`device "${d.id}" has observedAt "${at}"`);
    observedAt.set(d.id, t);
  }
  const f = r.findings;
  const count = f.device.length;
  for (const column of Object.values(f)) if (column.length !== count) bad('finding columns differ');
  try {
    builder.addFindingsFrom({
      // In the snapshot's own array types: the copy loop then sees one kind of array, where a
      // mix (a file's narrow columns, lists) made its element reads several times slower.
      findings: {
        count,
        device: Uint32Array.from(f.device),
        weakness: Uint32Array.from(f.weakness),
        software: Int32Array.from(f.software),
        version: Int32Array.from(f.version),
        fixedVersion: Int32Array.from(f.fixedVersion),
        status: Uint8Array.from(f.status),
        activeAlert: Uint8Array.from(f.activeAlert),
        recommendation: Int32Array.from(f.recommendation),
      },
      devices: r.devices,
      weaknesses: r.weaknesses,
      software: r.software.map(([vendor, product]) => ({ vendor, product })),
      strings: r.strings,
      importedRecommendations: r.recommendations,
    });
  } catch (e) {
    if (e instanceof SnapshotError) bad(e.message);
    throw e;
  }
  return { builder, observedAt };
}
