import {
  SnapshotBuilder,
  type DeviceInput,
  type FindingInput,
  type Snapshot,
  type WeaknessInput,
} from '@exposure/score';

export const NATIVE_SCHEMA = 'exposure-snapshot/1';

/** A snapshot in the native file form (`exposure-snapshot/1`), as plain JSON-ready objects. */
export interface NativeSnapshotFile {
  schema: typeof NATIVE_SCHEMA;
  takenAt: string;
  organization: string;
  devices: DeviceInput[];
  weaknesses: WeaknessInput[];
  findings: FindingInput[];
}

/** Builds the scored-model Snapshot of a native snapshot object (weaknesses before findings). */
export function buildSnapshot(file: NativeSnapshotFile): Snapshot {
  const builder = new SnapshotBuilder({ takenAt: file.takenAt, organization: file.organization });
  for (const device of file.devices) builder.addDevice(device);
  for (const weakness of file.weaknesses) builder.addWeakness(weakness);
  for (const finding of file.findings) builder.addFinding(finding);
  return builder.build();
}
