import {
  SnapshotBuilder,
  type DeviceInput,
  type FindingInput,
  type Snapshot,
  type WeaknessInput,
} from '../src/index.js';

export const T0 = '2026-11-01T00:00:00.000Z';

export function makeDevice(id: string, extra: Partial<DeviceInput> = {}): DeviceInput {
  return { id, name: id, ...extra };
}

/** A vulnerability with an exact severity S (CVSS 3.1 score = 10 × S) and no threat evidence. */
export function makeWeakness(
  id: string,
  score: number,
  extra: Partial<WeaknessInput> = {},
): WeaknessInput {
  return { id, kind: 'vulnerability', cvss: { version: '3.1', score }, ...extra };
}

export function makeFinding(
  device: string,
  weakness: string,
  extra: Partial<FindingInput> = {},
): FindingInput {
  return { device, weakness, ...extra };
}

export function makeSnapshot(parts: {
  takenAt?: string;
  devices?: DeviceInput[];
  weaknesses: WeaknessInput[];
  findings: FindingInput[];
  organization?: string;
}): Snapshot {
  const b = new SnapshotBuilder({
    takenAt: parts.takenAt ?? T0,
    organization: parts.organization ?? 'Test',
  });
  for (const d of parts.devices ?? []) b.addDevice(d);
  for (const w of parts.weaknesses) b.addWeakness(w);
  for (const f of parts.findings) b.addFinding(f);
  return b.build();
}
