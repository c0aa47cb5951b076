/**
 * Security recommendations: `GET /api/recommendations` and `GET /api/recommendations/{id}`.
 * No findings: a recommendation names what to do, the assessment rows name where. Findings carry
 * their recommendation's id (`recommendationReference`, or `va-_-vendor-_-product` built from the
 * software), so this file's only contribution is each recommendation's real title.
 *
 * | Defender field               | model                                                         |
 * | ---------------------------- | ------------------------------------------------------------- |
 * | id (required)                | recommendation id (`va-_-google-_-chrome`, `sca-_-scid-20000`) |
 * | recommendationName           | recommendation title (absent: the id)                         |
 * | exposureImpact, weaknesses, severityScore, publicExploit, status … | not used: Exposure computes its own |
 *
 * The title reaches the snapshot through `SnapshotBuilder.addRecommendation`, which keeps a
 * registered title over the one a finding derived from its software, whatever order files merge in.
 */
import type { ImportedRecommendation } from '@exposure/score';
import type { Importer } from '../../importer.js';
import { optionalString, requiredString, requireRecord } from './fields.js';
import { detectShape, eachRecord } from './shapes.js';

/** Reads and validates the recommendations. */
export async function readRecommendations(
  ctx: Parameters<Importer['import']>[0],
): Promise<ImportedRecommendation[]> {
  const out: ImportedRecommendation[] = [];
  for await (const { record, loc } of eachRecord(ctx)) {
    const rec = requireRecord(record, loc);
    const id = requiredString(rec, 'id', loc);
    out.push({ id, title: optionalString(rec, 'recommendationName', loc) ?? id });
  }
  return out;
}

export const defenderRecommendations: Importer = {
  format: 'defender-recommendations',
  label: 'Microsoft Defender security recommendations (GET /api/recommendations; titles only)',
  detect: (head) => detectShape(head) === 'recommendations',
  async import(ctx) {
    for (const r of await readRecommendations(ctx)) ctx.builder.addRecommendation(r);
  },
};
