/**
 * Grype JSON (`grype <target> -o json`), current schema and the legacy 0.7 one.
 *
 * | Grype                                              | Exposure                                              |
 * | -------------------------------------------------- | ----------------------------------------------------- |
 * | source.target (string, or .userInput / .name / .imageID) | device id and name; a bare "." (directory scan) → the file's name |
 * | distro.name + version                              | device os (`debian 10`)                               |
 * | —                                                  | device value: none in Grype → normal                  |
 * | descriptor.timestamp                               | snapshot time (takenAt); absent → left unset          |
 * | matches[].vulnerability.id, relatedVulnerabilities[].id | weakness id (kind vulnerability): a CVE as is; an advisory (`GHSA-…`, `ELSA-…`) becomes its one related CVE, so KEV, EPSS and other scanners meet it; with several related CVEs it stays as is |
 * | vulnerability.description / urls[] / dataSource / links[] (0.7) | description / references             |
 * | vulnerability.severity                             | label (Negligible → low, Unknown → no label)          |
 * | vulnerability.cvss[] {version, vector, metrics.baseScore}, cvssV2/cvssV3 (0.7) | cvss entries; none → those of the related vulnerability with the same id, else of a related CVE |
 * | vulnerability.epss[].epss                          | epss (the highest)                                    |
 * | vulnerability.knownExploited[] (non-empty)         | kev                                                   |
 * | artifact.name / version / type                     | software product / version / vendor (`deb`, `rpm`, `npm`, `python`, `java-archive`) |
 * | matchDetails[].fix.suggestedVersion, else fix.versions[] (state fixed), else fixedInVersion (0.7) | fixedVersion (lowest listed above the installed version) |
 * | fix.state not-fixed / wont-fix / unknown           | no fixedVersion; status open                          |
 * | matches[]                                          | status open                                           |
 * | ignoredMatches[] (`--vex`, ignore rules)           | status from appliedIgnoreRules[].vex-status: not_affected / fixed; other ignore rules → exception |
 *
 * Grype has no title and no publication date for a vulnerability: both are left unset.
 */
import type { Cvss, FindingStatus, SnapshotBuilder } from '@exposure/score';
import type { ImportContext, Importer } from '../../importer.js';
import { messages } from '../../messages.js';
import {
  cvssEntry,
  deviceFromFileName,
  distinct,
  isoTime,
  isCve,
  isZeroTime,
  severityLabel,
} from '../shared/fields.js';
import { JsonFields, type JsonObject, type JsonPath } from '../shared/json.js';
import { pickFixedVersion } from '../shared/versions.js';
import { preferredWeaknessId } from '../shared/advisory-ids.js';

type Reader = { f: JsonFields; builder: SnapshotBuilder; device: string };

export const grypeImporter: Importer = {
  format: 'grype',
  label: 'Grype JSON report (grype -o json)',
  detect(head) {
    if (!/"matches"\s*:/.test(head)) return false;
    if (/"descriptor"\s*:/.test(head) && /"name"\s*:\s*"grype"/.test(head)) return true;
    if (/"source"\s*:/.test(head) && /"distro"\s*:/.test(head)) return true;
    // A long report's head may hold nothing but matches[]: recognise their shape.
    return (
      /^\s*\{\s*"matches"\s*:\s*\[/.test(head) &&
      /"vulnerability"\s*:\s*\{/.test(head) &&
      /"artifact"\s*:\s*\{/.test(head)
    );
  },
  async import(ctx: ImportContext) {
    const f = new JsonFields(ctx.file.displayPath);
    const root = f.object(await ctx.readJson(), []);
    if (root.matches === undefined) throw messages.missing(f.file, '$', 'matches');
    const descriptor = f.optObject(root, 'descriptor', []);
    const timestamp = descriptor && f.optStr(descriptor, 'timestamp', ['descriptor']);
    if (timestamp && !isZeroTime(timestamp))
      ctx.builder.takenAt = isoTime(f.file, timestamp, ['descriptor', 'timestamp']);
    const device = readDevice(f, ctx.builder, root, ctx.file.displayPath);
    const r: Reader = { f, builder: ctx.builder, device };
    for (const { item, path } of f.objects(root, 'matches', [])) match(r, item, path, 'open');
    for (const { item, path } of f.objects(root, 'ignoredMatches', []))
      match(r, item, path, ignoredStatus(f, item, path));
  },
};

/** What was scanned: an image reference, a directory, a file or an SBOM. */
function readDevice(
  f: JsonFields,
  builder: SnapshotBuilder,
  root: JsonObject,
  displayPath: string,
): string {
  const source = f.optObject(root, 'source', []);
  let name: string | undefined;
  if (source) {
    const target = source.target;
    if (typeof target === 'string') name = target;
    else if (target !== undefined && target !== null) {
      const t = f.object(target, ['source', 'target']);
      const at = ['source', 'target'];
      name =
        f.optStr(t, 'userInput', at) ??
        f.optStr(t, 'name', at) ??
        f.optStr(t, 'path', at) ??
        f.optStr(t, 'imageID', at);
    }
    name ??= f.optStr(source, 'name', ['source']);
  }
  // Grype quotes a directory target ("\".\""); "." names nothing, so the file's name stands in.
  name = name?.replace(/^"(.*)"$/, '$1');
  const id = !name || /^\.?[\\/]?$/.test(name) ? deviceFromFileName(displayPath) : name;
  const distro = f.optObject(root, 'distro', []);
  const os =
    distro &&
    distinct([f.optStr(distro, 'name', ['distro']), f.optStr(distro, 'version', ['distro'])]).join(
      ' ',
    );
  builder.addDevice({ id, name: id, ...(os && { os }) });
  return id;
}

/** The status of a match that Grype set aside: a VEX statement, or a plain ignore rule. */
function ignoredStatus(f: JsonFields, item: JsonObject, path: JsonPath): FindingStatus {
  const rules = f.objects(item, 'appliedIgnoreRules', path);
  const vex = rules.map(({ item: rule, path: p }) => f.optStr(rule, 'vex-status', p));
  if (vex.includes('not_affected')) return 'not_affected';
  if (vex.includes('fixed')) return 'fixed';
  return 'exception';
}

/** CVSS entries of a vulnerability record: cvss[] (current) or cvssV2/cvssV3 (0.7). */
function cvssList(f: JsonFields, v: JsonObject, path: JsonPath): Cvss[] {
  const entries = f.objects(v, 'cvss', path).map(({ item, path: p }) => {
    const metrics = f.optObject(item, 'metrics', p);
    const score = metrics && f.optNum(metrics, 'baseScore', [...p, 'metrics']);
    return {
      entry: cvssEntry(f.optStr(item, 'vector', p), score, f.optStr(item, 'version', p)),
      primary: f.optStr(item, 'type', p) !== 'Secondary',
    };
  });
  for (const [key, version] of [
    ['cvssV3', '3.0'],
    ['cvssV2', '2.0'],
  ] as const) {
    const legacy = f.optObject(v, key, path);
    if (legacy) {
      const p = [...path, key];
      entries.push({
        entry: cvssEntry(
          f.optStr(legacy, 'vector', p),
          f.optNum(legacy, 'baseScore', p),
          undefined,
          version,
        ),
        primary: true,
      });
    }
  }
  // The builder keeps the first entry of each version: NVD's primary score goes before secondary ones.
  return [...entries.filter((e) => e.primary), ...entries.filter((e) => !e.primary)]
    .map((e) => e.entry)
    .filter((e): e is Cvss => e !== undefined);
}

function match(r: Reader, m: JsonObject, path: JsonPath, status: FindingStatus): void {
  const { f } = r;
  const vp = [...path, 'vulnerability'];
  const v = f.object(m.vulnerability, vp);
  const ownId = f.str(v, 'id', vp);
  const related = f.objects(m, 'relatedVulnerabilities', path);
  const id = preferredWeaknessId(
    ownId,
    related.map(({ item, path: p }) => f.optStr(item, 'id', p) ?? ''),
  );
  // A distro advisory often carries no CVSS of its own; its NVD record (same id, or the CVE it is about) does.
  const donors = [
    ...related.filter(({ item, path: p }) => f.optStr(item, 'id', p) === ownId),
    ...related.filter(({ item, path: p }) => isCve(f.optStr(item, 'id', p) ?? '')),
  ];
  let cvss = cvssList(f, v, vp);
  for (const d of donors) if (cvss.length === 0) cvss = cvssList(f, d.item, d.path);
  const description =
    f.optStr(v, 'description', vp) ??
    donors.map((d) => f.optStr(d.item, 'description', d.path)).find((x) => x !== undefined);
  const severity = severityLabel(f.optStr(v, 'severity', vp));
  const epss = f
    .objects(v, 'epss', vp)
    .map(({ item, path: p }) => f.optNum(item, 'epss', p))
    .filter((e): e is number => e !== undefined && e >= 0 && e <= 1);
  const kev = f.list(v, 'knownExploited', vp).length > 0;
  const dataSource = f.optStr(v, 'dataSource', vp);
  const references = distinct([
    ...(dataSource && /^https?:/.test(dataSource) ? [dataSource] : []),
    ...f.strings(v, 'urls', vp),
    ...f.strings(v, 'links', vp),
  ]);
  r.builder.addWeakness({
    id,
    kind: 'vulnerability',
    ...(description && { description }),
    ...(severity && { severity }),
    ...(cvss.length && { cvss }),
    ...(epss.length && { epss: Math.max(...epss) }),
    ...(kev && { kev }),
    ...(references.length && { references }),
  });

  const ap = [...path, 'artifact'];
  const artifact = f.object(m.artifact, ap);
  const product = f.str(artifact, 'name', ap);
  const version = f.optStr(artifact, 'version', ap);
  const vendor = f.optStr(artifact, 'type', ap);
  const fixedVersion = fixedVersionOf(f, m, v, path, version);
  r.builder.addFinding({
    device: r.device,
    weakness: id,
    software: { ...(vendor && { vendor }), product, ...(version && { version }) },
    ...(fixedVersion && { fixedVersion }),
    status,
  });
}

function fixedVersionOf(
  f: JsonFields,
  m: JsonObject,
  v: JsonObject,
  path: JsonPath,
  installed: string | undefined,
): string | undefined {
  const vp = [...path, 'vulnerability'];
  // matchDetails is an array in current Grype and one object in 0.7.
  const details = Array.isArray(m.matchDetails) ? f.objects(m, 'matchDetails', path) : [];
  for (const { item, path: p } of details) {
    const fix = f.optObject(item, 'fix', p);
    const suggested = fix && f.optStr(fix, 'suggestedVersion', [...p, 'fix']);
    if (suggested) return suggested;
  }
  const fix = f.optObject(v, 'fix', vp);
  if (fix) {
    const state = f.optStr(fix, 'state', [...vp, 'fix']);
    const versions = f.strings(fix, 'versions', [...vp, 'fix']);
    if (state === undefined || state === 'fixed') return pickFixedVersion(versions, installed);
    return undefined;
  }
  return f.optStr(v, 'fixedInVersion', vp);
}
