/**
 * Defender's own numbers: `GET /api/exposureScore`, `GET /api/exposureScore/ByMachineGroups` and
 * `GET /api/configurationScore`. They are Defender's verdict, computed by its own model: Exposure
 * carries them beside its score (the report's "Defender says" line) and never mixes them in.
 *
 * | Defender field   | carried as                                                        |
 * | ---------------- | ----------------------------------------------------------------- |
 * | score (required) | vendor score (exposure score 0–100; configuration score in points) |
 * | time             | when Defender computed it (unreadable: dropped)                    |
 * | rbacGroupName    | the device group it is for (absent: the organization)              |
 *
 * No devices, no findings: the file's observation is empty, and says so.
 */
import type { Importer } from '../../importer.js';
import type { VendorScore } from '../../importer.js';
import { defenderTime, optionalString, requireRecord, type DefenderRecord } from './fields.js';
import { messages } from '../../messages.js';
import { detectShape, eachRecord } from './shapes.js';

const VENDOR = 'Microsoft Defender';

function score(rec: DefenderRecord, file: string, at: string): number {
  const v = rec.score;
  if (v === undefined || v === null) throw messages.missing(file, at, 'score');
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    throw messages.wrongType(file, `${at}.score`, 'a number of 0 or more', v);
  return v;
}

function scoresImporter(
  format: string,
  kind: 'exposure score' | 'configuration score',
  label: string,
): Importer {
  return {
    format,
    label,
    detect: (head) =>
      detectShape(head) === (kind === 'exposure score' ? 'exposure-score' : 'configuration-score'),
    async import(ctx) {
      const file = ctx.file.displayPath;
      const found: VendorScore[] = [];
      for await (const { record, loc } of eachRecord(ctx)) {
        const rec = requireRecord(record, loc);
        const time = defenderTime(optionalString(rec, 'time', loc));
        const group = optionalString(rec, 'rbacGroupName', loc);
        found.push({
          vendor: VENDOR,
          kind,
          score: score(rec, file, loc.at()),
          ...(kind === 'exposure score' && { scale: '0–100' }),
          ...(time && { time }),
          ...(group && { group }),
          source: file,
        });
      }
      ctx.notes.vendorScores.push(...found);
      const said = found
        .map((s) => `${s.group ? `${s.group} ` : ''}${Math.round(s.score * 100) / 100}`)
        .join(', ');
      ctx.notes.warnings.push(
        `${file}: ${VENDOR}'s own ${kind}${found.length === 1 ? '' : 's'} (${said || 'none'}), ` +
          "carried beside Exposure's score and never mixed into it; the file holds no findings",
      );
    },
  };
}

export const defenderExposureScore = scoresImporter(
  'defender-exposure-score',
  'exposure score',
  "Microsoft Defender's own exposure score (GET /api/exposureScore, …/ByMachineGroups; shown beside ours)",
);

export const defenderConfigurationScore = scoresImporter(
  'defender-configuration-score',
  'configuration score',
  "Microsoft Defender's own configuration score (GET /api/configurationScore; shown beside ours)",
);
