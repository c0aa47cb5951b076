/**
 * npm audit JSON (`npm audit --json`): auditReportVersion 2 (npm 7 and later) and the legacy
 * npm 6 report (advisories + actions).
 *
 * | npm audit                                          | Exposure                                              |
 * | -------------------------------------------------- | ----------------------------------------------------- |
 * | — (the report names no project)                    | one device per file, named after the file (`webapp.json` → `webapp`; a generic name such as `npm-audit.json` → its folder's name); an asset inventory (`--assets`) can rename, group and value it |
 * | —                                                  | device value: normal; snapshot time: none, left unset |
 * | vulnerabilities{pkg}.via[] advisory object         | one weakness and one finding on that package          |
 * | via[].url `https://github.com/advisories/GHSA-…`   | weakness id `GHSA-…`; else `npm-<source>` (`npm-1488`) |
 * | via[].title / url                                  | title / references                                    |
 * | via[].severity                                     | label (moderate → medium, info → none)                |
 * | via[].cvss {score, vectorString}                   | cvss entry (score 0 without a vector = unscored, dropped) |
 * | the package (key / via[].name)                     | software vendor `npm`, product = package name, no version (the report gives ranges, not the installed version) |
 * | fixAvailable {name: this package, version}         | fixedVersion                                          |
 * | otherwise via[].range `… <X` (highest such X)      | fixedVersion (the first unaffected version of the newest affected line) |
 * | via[] strings (vulnerable only through a dependency) | no finding: the advisory is counted once, on the package that has it |
 * | —                                                  | status open (npm audit has no suppression)            |
 * | npm 6: advisories{id}.findings[].version           | one finding per installed version, software version set |
 * | npm 6: github_advisory_id, else the url's GHSA, else its one CVE (cves[]), else `npm-<id>` | weakness id |
 * | npm 6: overview / created / patched_versions `>=X` | description / published / fixedVersion (lowest above installed) |
 *
 * npm audit carries no threat evidence (KEV, exploit, EPSS): the feeds add it.
 */
import type { Cvss, SnapshotBuilder } from '@exposure/score';
import type { ImportContext, Importer } from '../../importer.js';
import { jsonPath, messages } from '../../messages.js';
import { cvssEntry, deviceFromFileName, isCve, isoDate, severityLabel } from '../shared/fields.js';
import { JsonFields, type JsonObject, type JsonPath } from '../shared/json.js';
import { pickFixedVersion } from '../shared/versions.js';

type Reader = { f: JsonFields; builder: SnapshotBuilder; device: string };

const GHSA = /GHSA(-[23456789cfghjmpqrvwx]{4}){3}/i;

export const npmAuditImporter: Importer = {
  format: 'npm-audit',
  label: 'npm audit JSON (npm audit --json; npm 7+ and the npm 6 format)',
  detect(head) {
    if (/"auditReportVersion"\s*:/.test(head)) return true;
    if (/"advisories"\s*:\s*\{/.test(head) && /"actions"\s*:\s*\[/.test(head)) return true;
    // npm 6 writes actions[] first; a long one may fill the whole head.
    return /^\s*\{\s*"actions"\s*:\s*\[/.test(head) && /"resolves"\s*:\s*\[/.test(head);
  },
  async import(ctx: ImportContext) {
    const f = new JsonFields(ctx.file.displayPath);
    const root = f.object(await ctx.readJson(), []);
    const device = deviceFromFileName(ctx.file.displayPath);
    ctx.builder.addDevice({ id: device, name: device });
    const r: Reader = { f, builder: ctx.builder, device };
    if (root.auditReportVersion !== undefined) {
      const version = f.optNum(root, 'auditReportVersion', []);
      if (version !== 2) {
        throw messages.invalid(
          f.file,
          '$.auditReportVersion',
          `auditReportVersion ${String(version)} is not supported (2 is)`,
        );
      }
      readV2(r, root);
    } else if (root.advisories !== undefined) {
      readV1(r, root);
    } else {
      throw messages.missing(f.file, '$', 'auditReportVersion');
    }
  },
};

function readV2(r: Reader, root: JsonObject): void {
  const { f } = r;
  const vulnerabilities = f.optObject(root, 'vulnerabilities', []) ?? {};
  for (const key of Object.keys(vulnerabilities)) {
    const path = ['vulnerabilities', key];
    const entry = f.object(vulnerabilities[key], path);
    const fix = fixAvailable(f, entry, path);
    for (const [i, via] of f.list(entry, 'via', path).entries()) {
      if (typeof via === 'string') continue;
      const vp = [...path, 'via', i];
      advisoryV2(r, f.object(via, vp), vp, f.optStr(entry, 'name', path) ?? key, fix);
    }
  }
}

/** fixAvailable as {name, version}, when npm names the version that fixes it. */
function fixAvailable(
  f: JsonFields,
  entry: JsonObject,
  path: JsonPath,
): { name?: string; version?: string } {
  const v = entry.fixAvailable;
  if (v === undefined || typeof v === 'boolean') return {};
  const o = f.object(v, [...path, 'fixAvailable']);
  const name = f.optStr(o, 'name', [...path, 'fixAvailable']);
  const version = f.optStr(o, 'version', [...path, 'fixAvailable']);
  return { ...(name && { name }), ...(version && { version }) };
}

/** An advisory id: numbers in npm 7+ (`source`), in npm 6 and early npm 7 (`id`). */
function numberOrString(
  f: JsonFields,
  o: JsonObject,
  key: string,
  path: JsonPath,
): string | undefined {
  const v = o[key];
  if (typeof v === 'number') return String(v);
  return f.optStr(o, key, path);
}

function cvssOf(f: JsonFields, o: JsonObject, path: JsonPath): Cvss | undefined {
  const c = f.optObject(o, 'cvss', path);
  if (!c) return undefined;
  const p = [...path, 'cvss'];
  const vector = f.optStr(c, 'vectorString', p);
  const score = f.optNum(c, 'score', p);
  // npm writes {score: 0, vectorString: null} for an advisory nobody scored.
  if (!vector && !score) return undefined;
  return cvssEntry(vector, score, undefined, '3.1');
}

/** The upper bounds (`<X`) of an affected range: the first unaffected version of each line. */
export function upperBounds(range: string | undefined): string[] {
  if (!range) return [];
  return range.split('||').flatMap((alt) => {
    const m = /<\s*([^\s<>=]+)\s*$/.exec(alt.trim());
    return m && !alt.includes('<=') ? [m[1]!] : [];
  });
}

/** The lower bounds (`>=X`) of a patched range. */
function lowerBounds(range: string | undefined): string[] {
  if (!range) return [];
  return range.split('||').flatMap((alt) => {
    const m = />=\s*([^\s<>=]+)/.exec(alt);
    return m ? [m[1]!] : [];
  });
}

function advisoryV2(
  r: Reader,
  a: JsonObject,
  path: JsonPath,
  pkg: string,
  fix: { name?: string; version?: string },
): void {
  const { f } = r;
  const url = f.optStr(a, 'url', path);
  const source = numberOrString(f, a, 'source', path) ?? numberOrString(f, a, 'id', path);
  const ghsa = url ? GHSA.exec(url)?.[0] : undefined;
  if (!ghsa && source === undefined)
    throw messages.missing(f.file, jsonPath([...path, 'source']), 'source');
  const id = ghsa ?? `npm-${source}`;
  const title = f.optStr(a, 'title', path);
  const severity = severityLabel(f.optStr(a, 'severity', path));
  const cvss = cvssOf(f, a, path);
  r.builder.addWeakness({
    id,
    kind: 'vulnerability',
    ...(title && { title }),
    ...(severity && { severity }),
    ...(cvss && { cvss }),
    ...(url && { references: [url] }),
  });
  const product = f.optStr(a, 'name', path) ?? pkg;
  const range = f.optStr(a, 'range', path) ?? f.optStr(a, 'vulnerable_versions', path);
  const fixedVersion =
    fix.name === product && fix.version ? fix.version : pickFixedVersion(upperBounds(range));
  r.builder.addFinding({
    device: r.device,
    weakness: id,
    software: { vendor: 'npm', product },
    ...(fixedVersion && { fixedVersion }),
    status: 'open',
  });
}

/** The npm 6 report: advisories keyed by id, each with the installed versions it was found in. */
function readV1(r: Reader, root: JsonObject): void {
  const { f } = r;
  const advisories = f.object(root.advisories, ['advisories']);
  for (const key of Object.keys(advisories)) {
    const path = ['advisories', key];
    const a = f.object(advisories[key], path);
    const url = f.optStr(a, 'url', path);
    const number = numberOrString(f, a, 'id', path) ?? key;
    const cves = f.strings(a, 'cves', path).filter(isCve);
    const id =
      f.optStr(a, 'github_advisory_id', path) ??
      (url ? GHSA.exec(url)?.[0] : undefined) ??
      (cves.length === 1 ? cves[0]! : `npm-${number}`);
    const title = f.optStr(a, 'title', path);
    const description = f.optStr(a, 'overview', path);
    const severity = severityLabel(f.optStr(a, 'severity', path));
    const created = f.optStr(a, 'created', path);
    const published = created ? isoDate(f.file, created, [...path, 'created']) : undefined;
    const cvss = cvssOf(f, a, path);
    r.builder.addWeakness({
      id,
      kind: 'vulnerability',
      ...(title && { title }),
      ...(description && { description }),
      ...(severity && { severity }),
      ...(cvss && { cvss }),
      ...(published && { published }),
      ...(url && { references: [url] }),
    });
    const product = f.str(a, 'module_name', path);
    const patched = lowerBounds(f.optStr(a, 'patched_versions', path));
    for (const { item, path: fp } of f.objects(a, 'findings', path)) {
      const version = f.optStr(item, 'version', fp);
      const fixedVersion = pickFixedVersion(patched, version);
      r.builder.addFinding({
        device: r.device,
        weakness: id,
        software: { vendor: 'npm', product, ...(version && { version }) },
        ...(fixedVersion && { fixedVersion }),
        status: 'open',
      });
    }
  }
}
