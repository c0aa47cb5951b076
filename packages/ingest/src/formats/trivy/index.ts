/**
 * Trivy JSON (`trivy image|fs|repo|rootfs|k8s --format json`, SchemaVersion 2).
 *
 * | Trivy                                              | Exposure                                              |
 * | -------------------------------------------------- | ----------------------------------------------------- |
 * | ArtifactName (empty or "." → Metadata.RepoTags[0], the OS target, the file name) | device id and name (the scanned artifact is the device) |
 * | Metadata.OS.Family + Name                          | device os (`alpine 3.10.2`)                           |
 * | —                                                  | device value: none in Trivy → normal                  |
 * | CreatedAt                                          | snapshot time (takenAt); absent → left unset          |
 * | ClusterName + Resources[] / Vulnerabilities[] / Misconfigurations[] (k8s) | one device per workload: id `<ClusterName>/<Namespace>/<Kind>/<Name>`, name without the cluster |
 * | Results[].Vulnerabilities[].VulnerabilityID        | weakness id (kind vulnerability)                      |
 * | Title / Description / PublishedDate / References   | title / description / published / references         |
 * | Severity                                           | label (UNKNOWN → no label)                            |
 * | CVSS.<vendor>.V40/V3/V2 Score + Vector            | cvss entries, from the SeveritySource vendor, else nvd, else the first vendor listed |
 * | PkgName / InstalledVersion                         | software product / version                            |
 * | Results[].Type (else Metadata.OS.Family)           | software vendor (`alpine`, `debian`, `npm`, `jar`, `pip`, `gomod`) |
 * | FixedVersion (`"1.5.13, 1.3.15"`)                  | fixedVersion: the lowest listed version above InstalledVersion |
 * | Status not_affected                                | status not_affected                                   |
 * | Status fixed (= a fix exists), affected, will_not_fix, fix_deferred, end_of_life, under_investigation, unknown | status open |
 * | Results[].ExperimentalModifiedFindings[] (VEX, .trivyignore) | the wrapped Finding, status: not_affected → not_affected, fixed → fixed, ignored → exception, else open |
 * | Results[].Misconfigurations[] Status FAIL          | configuration weakness `AVDID`/`ID` (`AVD-` dropped, `KSV001` → `KSV-0001`), Title, Severity label; finding open |
 * | Misconfigurations[] Status EXCEPTION / PASS        | finding with status exception / no finding            |
 * | Results[].Secrets[]                                | configuration weakness `secret-<RuleID>`, title "Exposed secret: <Title>", Severity label; finding open |
 *
 * Trivy carries no threat evidence (KEV, exploit, EPSS): the feeds add it.
 */
import type { Cvss, FindingStatus, SnapshotBuilder } from '@exposure/score';
import type { ImportContext, Importer } from '../../importer.js';
import {
  cvssEntry,
  deviceFromFileName,
  distinct,
  isoDate,
  isoTime,
  isZeroTime,
  severityLabel,
} from '../shared/fields.js';
import { JsonFields, type JsonObject, type JsonPath } from '../shared/json.js';
import { pickFixedVersion, splitVersions } from '../shared/versions.js';

/** Where the findings of one Results[] list go. */
interface Target {
  device: string;
  /** Software vendor for results that name no Type. */
  osFamily?: string;
}

type Reader = { f: JsonFields; builder: SnapshotBuilder };

const MODIFIED_STATUS: ReadonlyMap<string, FindingStatus> = new Map([
  ['not_affected', 'not_affected'],
  ['fixed', 'fixed'],
  ['ignored', 'exception'],
]);

export const trivyImporter: Importer = {
  format: 'trivy',
  label: 'Trivy JSON report (trivy image/fs/repo/k8s --format json)',
  detect(head) {
    return (
      (/"SchemaVersion"\s*:\s*2\b/.test(head) && /"ArtifactName"\s*:/.test(head)) ||
      // The cluster report has no SchemaVersion; its resource lists are arrays (or null).
      (/"ClusterName"\s*:/.test(head) &&
        /"(Resources|Vulnerabilities|Misconfigurations)"\s*:\s*(\[|null)/.test(head))
    );
  },
  async import(ctx: ImportContext) {
    const f = new JsonFields(ctx.file.displayPath);
    const root = f.object(await ctx.readJson(), []);
    const r: Reader = { f, builder: ctx.builder };
    const created = f.optStr(root, 'CreatedAt', []);
    if (created && !isZeroTime(created))
      ctx.builder.takenAt = isoTime(f.file, created, ['CreatedAt']);
    if (root.ClusterName !== undefined && root.ArtifactName === undefined) readCluster(r, root);
    else readArtifact(r, root, ctx.file.displayPath);
  },
};

function readArtifact(r: Reader, root: JsonObject, displayPath: string): void {
  const { f } = r;
  const metadata = f.optObject(root, 'Metadata', []);
  const name = artifactName(f, root, metadata) ?? deviceFromFileName(displayPath);
  const os = metadata && f.optObject(metadata, 'OS', ['Metadata']);
  const osFamily = os && f.optStr(os, 'Family', ['Metadata', 'OS']);
  const osText = os && distinct([osFamily, f.optStr(os, 'Name', ['Metadata', 'OS'])]).join(' ');
  r.builder.addDevice({ id: name, name, ...(osText && { os: osText }) });
  readResults(r, root, [], { device: name, ...(osFamily && { osFamily }) });
}

/**
 * What was scanned. ArtifactName is always written, but trimmed reports leave it empty and
 * `trivy fs .` writes ".": then
 * the image's first tag, the OS-package target without its "(debian 10.13)" suffix, the file name.
 */
function artifactName(
  f: JsonFields,
  root: JsonObject,
  metadata: JsonObject | undefined,
): string | undefined {
  const name = f.optStr(root, 'ArtifactName', []);
  // `trivy fs .` names the artifact "."; that names nothing once the report leaves the machine.
  if (name && !/^\.?[\\/]?$/.test(name)) return name;
  const tag = metadata && f.strings(metadata, 'RepoTags', ['Metadata'])[0];
  if (tag) return tag;
  for (const { item, path } of f.objects(root, 'Results', [])) {
    const target = f.optStr(item, 'Target', path)?.replace(/\s*\([^()]*\)\s*$/, '');
    if (target && f.optStr(item, 'Class', path) === 'os-pkgs') return target;
  }
  return undefined;
}

/** `trivy k8s` cluster report: one device per workload resource. */
function readCluster(r: Reader, root: JsonObject): void {
  const { f } = r;
  // `trivy k8s` writes "ClusterName": "" when the kube context names no cluster: the field is
  // present (this is a cluster report), only the prefix of the device ids is left out.
  const cluster = f.optStr(root, 'ClusterName', []);
  // Older reports split each resource over Vulnerabilities[] and Misconfigurations[]; newer ones
  // list it once in Resources[]. The same resource in two lists is the same device.
  for (const key of ['Resources', 'Vulnerabilities', 'Misconfigurations']) {
    for (const { item, path } of f.objects(root, key, [])) {
      const resource = distinct([
        f.optStr(item, 'Namespace', path),
        f.str(item, 'Kind', path),
        f.str(item, 'Name', path),
      ]).join('/');
      const id = cluster === undefined ? resource : `${cluster}/${resource}`;
      r.builder.addDevice({ id, name: resource });
      readResults(r, item, path, { device: id });
    }
  }
}

function readResults(r: Reader, parent: JsonObject, parentPath: JsonPath, target: Target): void {
  const { f } = r;
  for (const { item: result, path } of f.objects(parent, 'Results', parentPath)) {
    const vendor = f.optStr(result, 'Type', path) ?? target.osFamily;
    if (f.optStr(result, 'Class', path) === 'os-pkgs') {
      // "image:tag (debian 10.4)": the only place a k8s report names a workload's OS.
      const os = /\(([^()]+)\)\s*$/.exec(f.optStr(result, 'Target', path) ?? '')?.[1];
      if (os) r.builder.addDevice({ id: target.device, os });
    }
    for (const { item, path: p } of f.objects(result, 'Vulnerabilities', path)) {
      vulnerability(r, item, p, target.device, vendor, undefined);
    }
    for (const { item, path: p } of f.objects(result, 'Misconfigurations', path)) {
      misconfiguration(r, item, p, target.device, undefined);
    }
    for (const { item, path: p } of f.objects(result, 'Secrets', path))
      secret(r, item, p, target.device, 'open');
    for (const { item, path: p } of f.objects(result, 'ExperimentalModifiedFindings', path)) {
      const type = f.str(item, 'Type', p);
      const status = MODIFIED_STATUS.get(f.optStr(item, 'Status', p) ?? '') ?? 'open';
      const finding = f.object(item.Finding, [...p, 'Finding']);
      const fp = [...p, 'Finding'];
      if (type === 'vulnerability') vulnerability(r, finding, fp, target.device, vendor, status);
      else if (type === 'misconfiguration') misconfiguration(r, finding, fp, target.device, status);
      else if (type === 'secret') secret(r, finding, fp, target.device, status);
      // License findings are not security weaknesses.
    }
  }
}

function vulnerability(
  r: Reader,
  v: JsonObject,
  path: JsonPath,
  device: string,
  vendor: string | undefined,
  modified: FindingStatus | undefined,
): void {
  const { f } = r;
  const id = f.str(v, 'VulnerabilityID', path);
  const title = f.optStr(v, 'Title', path);
  const description = f.optStr(v, 'Description', path);
  const severity = severityLabel(f.optStr(v, 'Severity', path));
  const publishedAt = f.optStr(v, 'PublishedDate', path);
  const published =
    publishedAt && !isZeroTime(publishedAt)
      ? isoDate(f.file, publishedAt, [...path, 'PublishedDate'])
      : undefined;
  const references = distinct([
    f.optStr(v, 'PrimaryURL', path),
    ...f.strings(v, 'References', path),
  ]);
  const cvss = cvssOf(r, v, path);
  r.builder.addWeakness({
    id,
    kind: 'vulnerability',
    ...(title && { title }),
    ...(description && { description }),
    ...(severity && { severity }),
    ...(cvss.length && { cvss }),
    ...(published && { published }),
    ...(references.length && { references }),
  });
  const product = f.optStr(v, 'PkgName', path);
  const version = f.optStr(v, 'InstalledVersion', path);
  const fixedVersion = pickFixedVersion(splitVersions(f.optStr(v, 'FixedVersion', path)), version);
  const status =
    modified ?? (f.optStr(v, 'Status', path) === 'not_affected' ? 'not_affected' : 'open');
  r.builder.addFinding({
    device,
    weakness: id,
    ...(product && {
      software: { ...(vendor && { vendor }), product, ...(version && { version }) },
    }),
    ...(fixedVersion && { fixedVersion }),
    status,
  });
}

/** The CVSS entries of one vendor: the one Trivy took the severity from, else NVD, else the first. */
function cvssOf(r: Reader, v: JsonObject, path: JsonPath): Cvss[] {
  const { f } = r;
  const all = f.optObject(v, 'CVSS', path);
  if (!all) return [];
  const byVendor = new Map<string, Cvss[]>();
  for (const vendor of Object.keys(all)) {
    const p = [...path, 'CVSS', vendor];
    const c = f.object(all[vendor], p);
    const entries = [
      cvssEntry(f.optStr(c, 'V40Vector', p), f.optNum(c, 'V40Score', p), '4.0'),
      cvssEntry(f.optStr(c, 'V3Vector', p), f.optNum(c, 'V3Score', p), undefined, '3.1'),
      cvssEntry(f.optStr(c, 'V2Vector', p), f.optNum(c, 'V2Score', p), '2.0'),
    ].filter((e): e is Cvss => e !== undefined);
    if (entries.length) byVendor.set(vendor, entries);
  }
  const source = f.optStr(v, 'SeveritySource', path);
  return (
    (source ? byVendor.get(source) : undefined) ??
    byVendor.get('nvd') ??
    byVendor.values().next().value ??
    []
  );
}

/** One misconfiguration id across Trivy versions: `AVD-KSV-0001`, `KSV001` and `KSV-0001` are the same check. */
export function trivyCheckId(raw: string): string {
  const id = raw.replace(/^AVD-/, '');
  const old = /^([A-Z]+)(\d{3})$/.exec(id);
  return old ? `${old[1]}-0${old[2]}` : id;
}

function misconfiguration(
  r: Reader,
  m: JsonObject,
  path: JsonPath,
  device: string,
  modified: FindingStatus | undefined,
): void {
  const { f } = r;
  const state = f.optStr(m, 'Status', path);
  if (modified === undefined && state !== 'FAIL' && state !== 'EXCEPTION') return;
  const id = trivyCheckId(f.optStr(m, 'AVDID', path) ?? f.str(m, 'ID', path));
  const title = f.optStr(m, 'Title', path);
  const description = f.optStr(m, 'Description', path);
  const severity = severityLabel(f.optStr(m, 'Severity', path));
  const references = distinct([
    f.optStr(m, 'PrimaryURL', path),
    ...f.strings(m, 'References', path),
  ]);
  r.builder.addWeakness({
    id,
    kind: 'configuration',
    ...(title && { title }),
    ...(description && { description }),
    ...(severity && { severity }),
    ...(references.length && { references }),
  });
  r.builder.addFinding({
    device,
    weakness: id,
    status: modified ?? (state === 'EXCEPTION' ? 'exception' : 'open'),
  });
}

function secret(
  r: Reader,
  s: JsonObject,
  path: JsonPath,
  device: string,
  status: FindingStatus,
): void {
  const { f } = r;
  const rule = f.str(s, 'RuleID', path);
  const id = `secret-${rule}`;
  const title = f.optStr(s, 'Title', path) ?? rule;
  const category = f.optStr(s, 'Category', path);
  const severity = severityLabel(f.optStr(s, 'Severity', path));
  r.builder.addWeakness({
    id,
    kind: 'configuration',
    title: `Exposed secret: ${title}`,
    description: `A secret${category ? ` (${category})` : ''} matching Trivy rule "${rule}" is stored in plain text.`,
    ...(severity && { severity }),
  });
  r.builder.addFinding({ device, weakness: id, status });
}
