/** Observations and history round trips for the evaluation's tests. */
import {
  fromStateRecord,
  type CarriedHistory,
  type Coverage,
  type Evaluation,
  type History,
  type Observation,
} from '../src/index.js';
import { makeDevice, makeFinding, makeSnapshot, makeWeakness } from './builders.js';

export const INPUTS = { digest: '0'.repeat(64), files: [] };

/** One scanned target as a partial observation (a Trivy report of one device). */
export function scan(
  source: string,
  time: number,
  device: string,
  weaknesses: ReturnType<typeof makeWeakness>[],
  extra: { group?: string; coverage?: Coverage } = {},
): Observation {
  return {
    source,
    format: 'trivy',
    time,
    timeSource: 'file',
    coverage: extra.coverage ?? 'partial',
    snapshot: makeSnapshot({
      takenAt: new Date(time).toISOString(),
      devices: [makeDevice(device, extra.group ? { group: extra.group } : {})],
      weaknesses,
      findings: weaknesses.map((w) => makeFinding(device, w.id)),
    }),
  };
}

/** What the CLI does between runs: the history written, read back, its state rebuilt. */
export function carry(e: Evaluation): CarriedHistory {
  // Columns as plain lists (the first layout's form; the history store encodes them as bytes).
  const record = JSON.parse(
    JSON.stringify(e.history, (_, v: unknown) =>
      ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v,
    ),
  ) as History;
  if (!record.state) return { record, state: null };
  const { builder, observedAt } = fromStateRecord(record.state);
  return { record, state: { snapshot: builder.build(), observedAt } };
}
