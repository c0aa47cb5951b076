/**
 * Software vulnerabilities by machine: `GET /api/machines/SoftwareVulnerabilitiesByMachine`, its
 * delta `SoftwareVulnerabilityChangesByMachine`, and the same rows in export files (PascalCase).
 *
 * | Defender field                              | model                                            |
 * | ------------------------------------------- | ------------------------------------------------ |
 * | deviceId (required; absent: the 40-hex machine id that starts id) | finding.device, device.id |
 * | deviceName / rbacGroupName                  | device.name / device.group                       |
 * | osPlatform + osVersion                      | device.os                                        |
 * | lastSeenTimestamp (latest over the rows)    | device.lastSeen (not a time: refused)            |
 * | cveId (required key; null: no finding)      | weakness.id, finding.weakness                    |
 * | vulnerabilitySeverityLevel                  | weakness.severity                                |
 * | cvssScore                                   | weakness.cvss (v3.1, score only)                 |
 * | exploitabilityLevel                         | weakness.exploit (InKit/Verified → weaponized, Public → poc) |
 * | softwareVendor / softwareName / softwareVersion | finding.software                             |
 * | recommendedSecurityUpdate (dotted version or KB number) | finding.fixedVersion (`KB…`: the update to install) |
 * | recommendationReference                     | finding.recommendation.id (title from software)  |
 * | status (delta: New, Updated, Fixed)         | finding.status (Fixed → fixed, else open)        |
 */
import type { FindingStatus, ImportedRecommendation, SnapshotBuilder } from '@exposure/score';
import type { Importer } from '../../importer.js';
import { messages } from '../../messages.js';
import { DeviceCollector } from './devices.js';
import {
  isPascalRecord,
  keyNames,
  nullableString,
  optionalNumber,
  optionalString,
  inRange,
  requiredString,
  requireRecord,
  type DefenderRecord,
  type Locator,
} from './fields.js';
import {
  cvssOf,
  exploitFromLevel,
  fixedVersionOf,
  severityLabel,
  softwareRecommendationTitle,
} from './map.js';
import { detectShape, eachRecord } from './shapes.js';

const KEYS = [
  'id',
  'deviceId',
  'deviceName',
  'rbacGroupName',
  'osPlatform',
  'osVersion',
  'softwareVendor',
  'softwareName',
  'softwareVersion',
  'cveId',
  'cvssScore',
  'vulnerabilitySeverityLevel',
  'recommendedSecurityUpdate',
  'lastSeenTimestamp',
  'exploitabilityLevel',
  'recommendationReference',
  'status',
] as const;

/** Defender's machine ids are 40 hex digits; an assessment row's id starts with its machine's. */
const DEVICE_IN_ID = /^([0-9a-f]{40})(?:_|-_-)/i;

const STATUS: Record<string, FindingStatus> = { New: 'open', Updated: 'open', Fixed: 'fixed' };

/** Reads assessment rows one at a time into a builder; used for JSON pages and export lines alike. */
export class SoftwareVulnerabilityRows {
  private keys: Record<(typeof KEYS)[number], string> | undefined;
  private readonly devices = new DeviceCollector();
  /** What each weakness was last added with, so that repeated rows skip the builder's merge. */
  private readonly weaknesses = new Map<string, { sev: unknown; score: unknown; level: unknown }>();
  private readonly recommendations = new Map<string, ImportedRecommendation>();

  constructor(private readonly builder: SnapshotBuilder) {}

  row(value: unknown, loc: Locator): void {
    const rec = requireRecord(value, loc);
    const k = (this.keys ??= keyNames(KEYS, isPascalRecord(rec)));
    const device = this.deviceOf(rec, loc);
    this.devices.row(device, rec, k, k.lastSeenTimestamp, loc);
    const cve = nullableString(rec, k.cveId, loc);
    if (cve === null) return; // software listed as vulnerable, with no vulnerability named
    this.weakness(cve, rec, loc);
    const product = optionalString(rec, k.softwareName, loc);
    const vendor = optionalString(rec, k.softwareVendor, loc);
    const version = optionalString(rec, k.softwareVersion, loc);
    const fixedVersion = fixedVersionOf(optionalString(rec, k.recommendedSecurityUpdate, loc));
    const status = this.status(rec, loc);
    const recommendation = this.recommendation(
      optionalString(rec, k.recommendationReference, loc),
      vendor,
      product,
    );
    // Hot path (millions of export lines): absent fields stay undefined rather than being spread in.
    this.builder.addFinding({
      device,
      weakness: cve,
      software: product === undefined ? undefined : { product, vendor, version },
      fixedVersion,
      status,
      recommendation,
    });
  }

  /**
   * The row's device: its deviceId. A record saved without it (a trimmed export line) still names
   * the device at the start of its own id, `<deviceId>_<vendor>_<product>_<version>_<cve>`. A device
   * name is not an id (two machines may share one), so a record with neither is refused.
   */
  private deviceOf(rec: DefenderRecord, loc: Locator): string {
    const k = this.keys!;
    if (rec[k.deviceId] !== undefined) return requiredString(rec, k.deviceId, loc);
    const fromId = DEVICE_IN_ID.exec(optionalString(rec, k.id, loc) ?? '')?.[1];
    return fromId ?? requiredString(rec, k.deviceId, loc);
  }

  /** Adds the devices, once each; call after the last row. */
  finish(): void {
    this.devices.flush(this.builder);
  }

  private weakness(id: string, rec: DefenderRecord, loc: Locator): void {
    const k = this.keys!;
    const sev = rec[k.vulnerabilitySeverityLevel];
    const score = rec[k.cvssScore];
    const level = rec[k.exploitabilityLevel];
    const last = this.weaknesses.get(id);
    if (last !== undefined && last.sev === sev && last.score === score && last.level === level)
      return;
    this.weaknesses.set(id, { sev, score, level });
    const severity = severityLabel(optionalString(rec, k.vulnerabilitySeverityLevel, loc));
    const cvss = cvssOf(
      inRange(optionalNumber(rec, k.cvssScore, loc), 0, 10, k.cvssScore, loc),
      undefined,
    );
    const exploit = exploitFromLevel(
      optionalString(rec, k.exploitabilityLevel, loc),
      k.exploitabilityLevel,
      loc,
    );
    this.builder.addWeakness({
      id,
      kind: 'vulnerability',
      ...(severity && { severity }),
      ...(cvss && { cvss }),
      ...(exploit && { exploit }),
    });
  }

  private status(rec: DefenderRecord, loc: Locator): FindingStatus | undefined {
    const raw = optionalString(rec, this.keys!.status, loc);
    if (raw === undefined) return undefined;
    const status = STATUS[raw];
    if (status === undefined) {
      throw messages.invalid(
        loc.file,
        loc.at(this.keys!.status),
        `"${raw}" is not a change status (New, Updated or Fixed)`,
      );
    }
    return status;
  }

  private recommendation(
    id: string | undefined,
    vendor: string | undefined,
    product: string | undefined,
  ): ImportedRecommendation | undefined {
    if (id === undefined) return undefined;
    let rec = this.recommendations.get(id);
    if (rec === undefined) {
      rec = {
        id,
        title: product === undefined ? id : softwareRecommendationTitle(vendor, product),
      };
      this.recommendations.set(id, rec);
    }
    return rec;
  }
}

export const defenderSoftwareVulnerabilities: Importer = {
  format: 'defender-software-vulnerabilities',
  label: 'Microsoft Defender software vulnerabilities by machine (API JSON, full or delta)',
  detect: (head) => detectShape(head) === 'software-vulnerabilities',
  async import(ctx) {
    const rows = new SoftwareVulnerabilityRows(ctx.builder);
    for await (const { record, loc } of eachRecord(ctx)) rows.row(record, loc);
    rows.finish();
  },
};
