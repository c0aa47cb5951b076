/**
 * OSV-Scanner JSON (`osv-scanner --format json`, v1 and v2).
 *
 * | OSV-Scanner                                        | Exposure                                              |
 * | -------------------------------------------------- | ----------------------------------------------------- |
 * | results[].source.path                              | device id and name: each scanned lockfile, SBOM or git checkout is one device |
 * | —                                                  | device os, value: none in OSV-Scanner → unset, normal |
 * | —                                                  | snapshot time: none in OSV-Scanner → left unset       |
 * | packages[].package.name / version                  | software product / version (no name, as for a git commit → no software) |
 * | packages[].package.ecosystem                       | software vendor, lower-cased, release dropped (`npm`, `pypi`, `go`, `crates.io`, `Debian:12` → `debian`) |
 * | packages[].groups[] (ids, aliases)                 | one weakness and one finding per group, not per alias record |
 * | the group's aliases and ids                        | weakness id: its CVE when it names exactly one, else the group's first id (`GHSA-…`, `GO-…`, `MAL-…`) |
 * | vulnerabilities[].summary / details / published / references[].url | title / description / published (earliest) / references |
 * | vulnerabilities[].severity[] {type CVSS_V2/V3/V4, score = vector} | cvss entries (vector only: the score package scores it) |
 * | vulnerabilities[].database_specific.severity       | label (`MODERATE` → medium)                           |
 * | vulnerabilities[].affected[] of this package: ranges[].events[].fixed | fixedVersion: per record the lowest above the installed version, then the highest over the group's records |
 * | groups[].experimental_analysis called: false / unimportant | ignored: the finding stays open (call analysis is advisory) |
 * | groups[].max_severity                              | ignored: it is derived from the severity[] vectors    |
 *
 * Packages from OSV-Scanner v1 without groups[] are grouped here by shared ids and aliases.
 */
import { compareVersions, type Cvss, type SnapshotBuilder } from '@exposure/score';
import type { ImportContext, Importer } from '../../importer.js';
import { messages } from '../../messages.js';
import {
  cvssEntry,
  distinct,
  isCve,
  isoDate,
  isZeroTime,
  severityLabel,
} from '../shared/fields.js';
import { JsonFields, type JsonObject, type JsonPath } from '../shared/json.js';
import { pickFixedVersion } from '../shared/versions.js';

type Reader = { f: JsonFields; builder: SnapshotBuilder };
type OsvRecord = { item: JsonObject; path: JsonPath };
interface Package {
  name?: string;
  version?: string;
  ecosystem?: string;
}

const CVSS_TYPES: ReadonlyMap<string, string> = new Map([
  ['CVSS_V2', '2.0'],
  ['CVSS_V3', '3.1'],
  ['CVSS_V4', '4.0'],
]);

export const osvScannerImporter: Importer = {
  format: 'osv-scanner',
  label: 'OSV-Scanner JSON report (osv-scanner --format json)',
  detect(head) {
    if (/"runs"\s*:\s*\[/.test(head)) return false; // SARIF also has results[]
    if (/^\s*\{\s*"results"\s*:\s*\[\s*\]/.test(head))
      return /"experimental_config"\s*:/.test(head);
    return (
      /"results"\s*:\s*\[/.test(head) &&
      /"source"\s*:\s*\{/.test(head) &&
      /"packages"\s*:\s*(\[|null)/.test(head)
    );
  },
  async import(ctx: ImportContext) {
    const f = new JsonFields(ctx.file.displayPath);
    const root = f.object(await ctx.readJson(), []);
    if (root.results === undefined) throw messages.missing(f.file, '$', 'results');
    const r: Reader = { f, builder: ctx.builder };
    for (const { item: result, path } of f.objects(root, 'results', [])) {
      const sp = [...path, 'source'];
      const device = f.str(f.object(result.source, sp), 'path', sp);
      r.builder.addDevice({ id: device, name: device });
      for (const { item, path: pp } of f.objects(result, 'packages', path))
        readPackage(r, device, item, pp);
    }
  },
};

function readPackage(r: Reader, device: string, entry: JsonObject, path: JsonPath): void {
  const { f } = r;
  const pp = [...path, 'package'];
  const p = f.object(entry.package, pp);
  const pkg: Package = {
    ...optional('name', f.optStr(p, 'name', pp)),
    ...optional('version', f.optStr(p, 'version', pp)),
    ...optional('ecosystem', f.optStr(p, 'ecosystem', pp)),
  };
  const records = new Map<string, OsvRecord>();
  for (const rec of f.objects(entry, 'vulnerabilities', path))
    records.set(f.str(rec.item, 'id', rec.path), rec);
  for (const group of groupsOf(f, entry, path, records)) readGroup(r, device, pkg, group, records);
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

interface Group {
  ids: string[];
  aliases: string[];
}

/** groups[] as OSV-Scanner wrote them, plus a group of its own for any record none of them names. */
function groupsOf(
  f: JsonFields,
  entry: JsonObject,
  path: JsonPath,
  records: Map<string, OsvRecord>,
): Group[] {
  const groups: Group[] = f.objects(entry, 'groups', path).map(({ item, path: gp }) => ({
    ids: f.strings(item, 'ids', gp),
    aliases: f.strings(item, 'aliases', gp),
  }));
  const covered = new Set(groups.flatMap((g) => g.ids));
  for (const [id, rec] of records) {
    if (covered.has(id)) continue;
    // v1 reports have no groups[]: a record joins a group that already names it among its aliases.
    const aliases = f.strings(rec.item, 'aliases', rec.path);
    const home = groups.find(
      (g) => g.aliases.includes(id) || aliases.some((a) => g.ids.includes(a)),
    );
    if (home) {
      home.ids.push(id);
      home.aliases = distinct([...home.aliases, ...aliases]);
    } else groups.push({ ids: [id], aliases });
    covered.add(id);
  }
  return groups.filter((g) => g.ids.length > 0);
}

function readGroup(
  r: Reader,
  device: string,
  pkg: Package,
  group: Group,
  records: Map<string, OsvRecord>,
): void {
  const { f } = r;
  const recs = group.ids
    .map((id) => records.get(id))
    .filter((x): x is OsvRecord => x !== undefined);
  const aliases = distinct([
    ...group.ids,
    ...group.aliases,
    ...recs.flatMap((x) => f.strings(x.item, 'aliases', x.path)),
  ]);
  const cves = aliases.filter(isCve).map((c) => c.toUpperCase());
  const unique = distinct(cves);
  const id = unique.length === 1 ? unique[0]! : group.ids[0]!;

  const first = (key: string) =>
    recs.map((x) => f.optStr(x.item, key, x.path)).find((v) => v !== undefined);
  const title = first('summary');
  const description = first('details');
  const published = recs
    .flatMap((x) => {
      const v = f.optStr(x.item, 'published', x.path);
      return v && !isZeroTime(v) ? [isoDate(f.file, v, [...x.path, 'published'])] : [];
    })
    .sort()[0];
  const severity = recs
    .map((x) => {
      const db = f.optObject(x.item, 'database_specific', x.path);
      const word = db?.severity;
      return typeof word === 'string' ? severityLabel(word) : undefined;
    })
    .find((s) => s !== undefined);
  const cvss = recs.flatMap((x) => cvssOf(f, x));
  const references = distinct(
    recs.flatMap((x) =>
      f.objects(x.item, 'references', x.path).map(({ item, path }) => f.optStr(item, 'url', path)),
    ),
  );
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
  // Each record's own fix, then the highest of them: the update has to close every alias record.
  const perRecord = recs
    .map((x) => pickFixedVersion(fixedVersions(f, x, pkg), pkg.version))
    .filter((v): v is string => v !== undefined);
  const fixedVersion = perRecord.length ? [...perRecord].sort(compareVersions).at(-1) : undefined;
  r.builder.addFinding({
    device,
    weakness: id,
    ...(pkg.name && {
      software: {
        ...(pkg.ecosystem && { vendor: ecosystemVendor(pkg.ecosystem) }),
        product: pkg.name,
        ...(pkg.version && { version: pkg.version }),
      },
    }),
    ...(fixedVersion && { fixedVersion }),
    status: 'open',
  });
}

/** `Debian:12` and `Alpine:v3.18` are releases of one ecosystem: the vendor is `debian`, `alpine`. */
function ecosystemVendor(ecosystem: string): string {
  return ecosystem.split(':')[0]!.toLowerCase();
}

function cvssOf(f: JsonFields, x: OsvRecord): Cvss[] {
  return f
    .objects(x.item, 'severity', x.path)
    .map(({ item, path }) => {
      const stated = CVSS_TYPES.get(f.optStr(item, 'type', path) ?? '');
      return stated === undefined
        ? undefined
        : cvssEntry(f.optStr(item, 'score', path), undefined, stated);
    })
    .filter((c): c is Cvss => c !== undefined);
}

/** `fixed` events of the record's affected[] entries that are about this package. */
function fixedVersions(f: JsonFields, x: OsvRecord, pkg: Package): string[] {
  const out: string[] = [];
  for (const { item: affected, path } of f.objects(x.item, 'affected', x.path)) {
    const ap = f.optObject(affected, 'package', path);
    const name = ap && f.optStr(ap, 'name', [...path, 'package']);
    const ecosystem = ap && f.optStr(ap, 'ecosystem', [...path, 'package']);
    if (name !== pkg.name) continue;
    // "Debian:12" and "Debian" are the same ecosystem for this purpose.
    if (
      ecosystem &&
      pkg.ecosystem &&
      ecosystem.split(':')[0]!.toLowerCase() !== pkg.ecosystem.split(':')[0]!.toLowerCase()
    )
      continue;
    for (const { item: range, path: rp } of f.objects(affected, 'ranges', path)) {
      for (const { item: event, path: ep } of f.objects(range, 'events', rp)) {
        const fixed = f.optStr(event, 'fixed', ep);
        if (fixed) out.push(fixed);
      }
    }
  }
  return out;
}
