/**
 * CycloneDX JSON BOM / VEX (spec 1.4–1.7) with `vulnerabilities[]` → devices, weaknesses, findings.
 *
 * | CycloneDX                                         | Exposure                                                    |
 * | ------------------------------------------------- | ----------------------------------------------------------- |
 * | metadata.component (group/name@version)           | device id; name "group/name version"                        |
 * |   none: serialNumber, else the file name          | device id (standalone VEX)                                  |
 * | components[type=operating-system] name version    | device os                                                   |
 * | metadata.timestamp                                | snapshot takenAt (if not set yet), device lastSeen          |
 * | vulnerabilities[].id (or bom-ref)                 | weakness id; its one CVE alias from references[].id if not a CVE |
 * | description + detail                              | title = description and description = detail when both; else description |
 * | ratings[] method CVSSv2/v3/v31/v4 (or vector's CVSS:x.y/ prefix) | cvss[] {version, score, vector with prefix}; a score from a vector with temporal/environmental metrics is dropped (not a base score) |
 * | ratings[] first known severity                    | severity label (used only when no CVSS scores)              |
 * | published                                         | published (date)                                            |
 * | source.url, advisories[].url, references[].source.url, cwes[] | references (URLs; CWE → cwe.mitre.org)          |
 * | proofOfConcept present                            | exploit: poc                                                |
 * | affects[].ref → component (bom-ref, nested, or versionless purl) | finding software: vendor = group ‖ purl namespace ‖ publisher/supplier/manufacturer (no e-mail) ‖ purl type ‖ "unknown vendor"; product = name; version |
 * | affects[].ref = the subject's bom-ref             | software = the subject itself                               |
 * | affects[].ref unmatched purl                      | software from the purl                                      |
 * | affects[].ref BOM-link (urn:cdx:…) or unknown     | finding on the device without software                      |
 * | no affects                                        | one finding on the device without software                  |
 * | affects[].versions[] all `unaffected` (or the entry for the component's version) | no finding     |
 * | analysis.state resolved, resolved_with_pedigree   | status fixed                                                |
 * | analysis.state not_affected, false_positive       | status not_affected                                         |
 * | analysis.state exploitable, in_triage, absent     | status open                                                 |
 * | analysis.response, justification, recommendation  | not mapped (no structured fixed version in 1.4–1.7)         |
 */
import type { FindingInput, SoftwareInput, WeaknessInput } from '@exposure/score';
import type { ImportContext, Importer } from '../../importer.js';
import {
  ComponentIndex,
  readComponent,
  softwareOf,
  softwareOfPurl,
  type Component,
} from './components.js';
import { JsonFields, fileStem, type JsonObject, type JsonPath } from '../shared/json.js';
import { readRatings, readStatus } from './rating.js';
import { preferredWeaknessId } from '../shared/advisory-ids.js';

export interface CycloneDxSummary {
  /** The device the BOM describes, or undefined when the BOM has no vulnerabilities[] at all. */
  device?: string;
  vulnerabilities: number;
  findings: number;
  /** affects[] entries left out because every listed version (or the component's) is unaffected. */
  unaffected: number;
}

const VERSION_STATUS = new Set(['affected', 'unaffected', 'unknown']);

export async function importCycloneDx(ctx: ImportContext): Promise<CycloneDxSummary> {
  // Typed explicitly so that f.fail (never) narrows.
  const f: JsonFields = new JsonFields(ctx.file.displayPath);
  const bom = f.object(await ctx.readJson(), []);
  if (bom.bomFormat !== 'CycloneDX') f.fail(['bomFormat'], 'should be "CycloneDX"');
  f.str(bom, 'specVersion', []);
  const summary: CycloneDxSummary = { vulnerabilities: 0, findings: 0, unaffected: 0 };
  // A plain SBOM says nothing about vulnerabilities: it must not make a clean device.
  if (bom.vulnerabilities === undefined) return summary;

  const metadata = f.optObject(bom, 'metadata', []);
  const timestamp = metadata && f.optTime(metadata, 'timestamp', ['metadata']);
  const subjectJson = metadata && f.optObject(metadata, 'component', ['metadata']);
  const subjectPath = ['metadata', 'component'];
  const subject = subjectJson && readComponent(f, subjectJson, subjectPath);
  const index = new ComponentIndex(f, bom, subjectJson && { item: subjectJson, path: subjectPath });

  const device = deviceOf(subject, f.optStr(bom, 'serialNumber', []), ctx.file.displayPath);
  const os = index.operatingSystem();
  ctx.builder.addDevice({ ...device, ...(os && { os }) });
  // The same subject in several BOMs of one snapshot was last seen by the latest of them.
  const seen = ctx.builder.device(device.id)?.lastSeen;
  if (timestamp && (!seen || Date.parse(seen) < Date.parse(timestamp)))
    ctx.builder.updateDevice(device.id, { lastSeen: timestamp });
  if (timestamp) ctx.builder.takenAt ??= timestamp;
  summary.device = device.id;

  for (const { item: v, path } of f.objects(bom, 'vulnerabilities', [])) {
    summary.vulnerabilities++;
    const weakness = readWeakness(f, v, path);
    const status = readStatus(f, v, path);
    const findings: FindingInput[] = [];
    const affects = f.objects(v, 'affects', path);
    for (const { item: a, path: p } of affects) {
      const ref = f.str(a, 'ref', p);
      const versions = readVersions(f, a, p);
      for (const software of targets(ref, index, subject)) {
        if (!isAffected(versions, software?.version)) {
          summary.unaffected++;
          continue;
        }
        findings.push({
          device: device.id,
          weakness: weakness.id,
          ...(software && { software }),
          status,
        });
      }
    }
    if (affects.length === 0) findings.push({ device: device.id, weakness: weakness.id, status });
    if (findings.length === 0) continue;
    ctx.builder.addWeakness(weakness);
    for (const finding of findings) ctx.builder.addFinding(finding);
    summary.findings += findings.length;
  }
  return summary;
}

function deviceOf(subject: Component | undefined, serial: string | undefined, displayPath: string) {
  if (subject) {
    const qualified = subject.group ? `${subject.group}/${subject.name}` : subject.name;
    return {
      id: subject.version ? `${qualified}@${subject.version}` : qualified,
      name: subject.version ? `${qualified} ${subject.version}` : qualified,
    };
  }
  const stem = fileStem(displayPath);
  return serial ? { id: serial, name: stem } : { id: stem, name: stem };
}

function readWeakness(f: JsonFields, v: JsonObject, path: JsonPath): WeaknessInput {
  const ownId = f.optStr(v, 'id', path) ?? f.optStr(v, 'bom-ref', path);
  if (!ownId?.trim()) f.fail(path, 'is missing the required field "id"');
  const references: string[] = [];
  const aliases: string[] = [];
  const source = f.optObject(v, 'source', path);
  const sourceUrl = source && f.optStr(source, 'url', [...path, 'source']);
  if (sourceUrl) references.push(sourceUrl);
  for (const { item: r, path: p } of f.objects(v, 'references', path)) {
    aliases.push(f.str(r, 'id', p));
    const s = f.optObject(r, 'source', p);
    const url = s && f.optStr(s, 'url', [...p, 'source']);
    if (url) references.push(url);
  }
  for (const { item: a, path: p } of f.objects(v, 'advisories', path))
    references.push(f.str(a, 'url', p));
  f.list(v, 'cwes', path).forEach((cwe, i) => {
    if (!Number.isInteger(cwe)) f.fail([...path, 'cwes', i], 'should be a CWE number');
    references.push(`https://cwe.mitre.org/data/definitions/${String(cwe)}.html`);
  });
  const summary = f.optStr(v, 'description', path)?.trim();
  const detail = f.optStr(v, 'detail', path)?.trim();
  const published = f.optTime(v, 'published', path);
  const ratings = readRatings(f, v, path);
  return {
    id: preferredWeaknessId(ownId, aliases),
    kind: 'vulnerability',
    ...(summary && detail && { title: summary }),
    ...((detail || summary) && { description: detail || summary }),
    ...(ratings.label && { severity: ratings.label }),
    ...(ratings.cvss.length > 0 && { cvss: ratings.cvss }),
    ...(published && { published: published.slice(0, 10) }),
    ...(v.proofOfConcept !== undefined && v.proofOfConcept !== null && { exploit: 'poc' as const }),
    ...(references.length > 0 && { references: [...new Set(references)] }),
  };
}

interface VersionStatus {
  version?: string;
  status: string;
}

function readVersions(f: JsonFields, affect: JsonObject, path: JsonPath): VersionStatus[] {
  return f.objects(affect, 'versions', path).map(({ item: e, path: p }) => {
    const status = f.optStr(e, 'status', p) ?? 'affected';
    if (!VERSION_STATUS.has(status))
      f.fail([...p, 'status'], `"${status}" is not one of affected, unaffected, unknown`);
    const version = f.optStr(e, 'version', p);
    return { status, ...(version && { version }) };
  });
}

/** Affected unless the entry for this exact version, or every listed entry, says unaffected. */
function isAffected(versions: VersionStatus[], version: string | undefined): boolean {
  if (versions.length === 0) return true;
  const exact = version === undefined ? undefined : versions.find((e) => e.version === version);
  if (exact) return exact.status !== 'unaffected';
  return !versions.every((e) => e.status === 'unaffected');
}

/** The software each finding of an affects[] entry goes through; undefined = on the device itself. */
function targets(
  ref: string,
  index: ComponentIndex,
  subject: Component | undefined,
): Array<SoftwareInput | undefined> {
  if (subject?.ref !== undefined && ref === subject.ref) return [softwareOf(subject)];
  const components = index.resolve(ref);
  if (components.length > 0) return components.map(softwareOf);
  if (ref.startsWith('pkg:')) {
    const software = softwareOfPurl(ref);
    if (software) return [software];
  }
  return [undefined];
}

export const cycloneDxImporter: Importer = {
  format: 'cyclonedx',
  label: 'CycloneDX JSON BOM or VEX with vulnerabilities (spec 1.4–1.7)',
  detect: (head) => /"bomFormat"\s*:\s*"CycloneDX"/.test(head),
  async import(ctx) {
    await importCycloneDx(ctx);
  },
};
