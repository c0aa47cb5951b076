/**
 * Secure configuration assessment: `GET /api/machines/SecureConfigurationsAssessmentByMachine`,
 * and the same rows in export files (PascalCase).
 *
 * | Defender field                          | model                                                  |
 * | --------------------------------------- | ------------------------------------------------------ |
 * | deviceId (required)                     | finding.device, device.id                              |
 * | deviceName / rbacGroupName              | device.name / device.group                             |
 * | osPlatform + osVersion                  | device.os                                              |
 * | timestamp (latest over the rows)        | device.lastSeen (not a time: refused)                  |
 * | configurationId (required)              | weakness.id, kind `configuration`                      |
 * | configurationName                       | weakness.title, and the recommendation's title         |
 * | configurationCategory / Subcategory     | weakness.description                                   |
 * | configurationImpact 0–10                | weakness.severity: ≥9 critical, ≥7 high, ≥4 medium, >0 low, 0 none |
 * | isApplicable false                      | no finding (the device is still recorded)              |
 * | isCompliant true / false                | finding.status fixed / open                            |
 * | recommendationReference                 | finding.recommendation.id (`sca-_-scid-…`)             |
 * | isExpectedUserImpact                    | not used                                               |
 */
import type { ImportedRecommendation, SnapshotBuilder } from '@exposure/score';
import type { Importer } from '../../importer.js';
import { DeviceCollector } from './devices.js';
import {
  inRange,
  isPascalRecord,
  keyNames,
  optionalBoolean,
  optionalNumber,
  optionalString,
  requiredString,
  requireRecord,
  type Locator,
} from './fields.js';
import { impactLabel } from './map.js';
import { detectShape, eachRecord } from './shapes.js';

const KEYS = [
  'deviceId',
  'deviceName',
  'rbacGroupName',
  'osPlatform',
  'osVersion',
  'timestamp',
  'configurationId',
  'configurationName',
  'configurationCategory',
  'configurationSubcategory',
  'configurationImpact',
  'isCompliant',
  'isApplicable',
  'recommendationReference',
] as const;

export class ConfigurationRows {
  private keys: Record<(typeof KEYS)[number], string> | undefined;
  private readonly devices = new DeviceCollector();
  private readonly weaknesses = new Set<string>();
  private readonly recommendations = new Map<string, ImportedRecommendation>();

  constructor(private readonly builder: SnapshotBuilder) {}

  row(value: unknown, loc: Locator): void {
    const rec = requireRecord(value, loc);
    const k = (this.keys ??= keyNames(KEYS, isPascalRecord(rec)));
    const device = requiredString(rec, k.deviceId, loc);
    this.devices.row(device, rec, k, k.timestamp, loc);
    const id = requiredString(rec, k.configurationId, loc);
    const title = optionalString(rec, k.configurationName, loc);
    const applicable = optionalBoolean(rec, k.isApplicable, loc);
    const compliant = optionalBoolean(rec, k.isCompliant, loc);
    if (!this.weaknesses.has(id)) {
      this.weaknesses.add(id);
      const impact = inRange(
        optionalNumber(rec, k.configurationImpact, loc),
        0,
        10,
        k.configurationImpact,
        loc,
      );
      const severity = impactLabel(impact);
      const description = [
        optionalString(rec, k.configurationCategory, loc),
        optionalString(rec, k.configurationSubcategory, loc),
      ]
        .filter((s) => s !== undefined)
        .join(' › ');
      this.builder.addWeakness({
        id,
        kind: 'configuration',
        ...(title && { title }),
        ...(description && { description }),
        ...(severity && { severity }),
      });
    }
    if (applicable === false) return;
    const recommendation = this.recommendation(
      optionalString(rec, k.recommendationReference, loc),
      title ?? id,
    );
    this.builder.addFinding({
      device,
      weakness: id,
      status: compliant === true ? 'fixed' : 'open',
      ...(recommendation && { recommendation }),
    });
  }

  finish(): void {
    this.devices.flush(this.builder);
  }

  private recommendation(
    id: string | undefined,
    title: string,
  ): ImportedRecommendation | undefined {
    if (id === undefined) return undefined;
    let rec = this.recommendations.get(id);
    if (rec === undefined) this.recommendations.set(id, (rec = { id, title }));
    return rec;
  }
}

export const defenderConfigurations: Importer = {
  format: 'defender-configurations',
  label: 'Microsoft Defender secure configuration assessment by machine (API JSON)',
  detect: (head) => detectShape(head) === 'configurations',
  async import(ctx) {
    const rows = new ConfigurationRows(ctx.builder);
    for await (const { record, loc } of eachRecord(ctx)) rows.row(record, loc);
    rows.finish();
  },
};
