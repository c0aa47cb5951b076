import type { Snapshot } from '@exposure/score';
import { NONE, STATUS_CODES } from '@exposure/score';

/** One finding of a built snapshot as plain values, for exact comparisons. */
export interface FindingRow {
  device: string;
  weakness: string;
  software?: string;
  fixedVersion?: string;
  status: string;
  recommendation?: string;
}

export function findingRows(s: Snapshot): FindingRow[] {
  const f = s.findings;
  const rows: FindingRow[] = [];
  for (let i = 0; i < f.count; i++) {
    const sw = f.software[i]!;
    const version = f.version[i]!;
    const fixed = f.fixedVersion[i]!;
    const rec = f.recommendation[i]!;
    const software = sw === NONE ? undefined : s.software[sw]!;
    rows.push({
      device: s.devices[f.device[i]!]!.id,
      weakness: s.weaknesses[f.weakness[i]!]!.id,
      ...(software && {
        software: `${software.vendor}/${software.product}${version === NONE ? '' : `@${s.strings[version]!}`}`,
      }),
      ...(fixed !== NONE && { fixedVersion: s.strings[fixed]! }),
      status: STATUS_CODES[f.status[i]!]!,
      ...(rec !== NONE && { recommendation: s.importedRecommendations[rec]!.id }),
    });
  }
  return rows;
}

export function weaknessById(s: Snapshot, id: string) {
  const w = s.weaknesses.find((x) => x.id === id);
  if (!w) throw new Error(`no weakness ${id}`);
  return w;
}

export function deviceById(s: Snapshot, id: string) {
  const d = s.devices.find((x) => x.id === id);
  if (!d) throw new Error(`no device ${id}`);
  return d;
}
