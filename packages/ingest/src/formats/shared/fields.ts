/** Small mappings that the scanner importers (Trivy, Grype, OSV-Scanner, npm audit) share. */
import { vectorVersion, type Cvss, type CvssVersion, type SeverityLabel } from '@exposure/score';
import { jsonPath, messages } from '../../messages.js';
import { isoUtc } from '../../time.js';
import type { JsonPath } from './json.js';

const LABELS: ReadonlyMap<string, SeverityLabel> = new Map<string, SeverityLabel>([
  ['critical', 'critical'],
  ['high', 'high'],
  ['important', 'high'],
  ['medium', 'medium'],
  ['moderate', 'medium'],
  ['low', 'low'],
  // Grype's word for "exists but does not matter" (Debian's unimportant): still a weakness.
  ['negligible', 'low'],
  ['info', 'none'],
  ['informational', 'none'],
  ['none', 'none'],
]);

/**
 * A scanner's severity word as a label. Words that mean "not rated" (Trivy UNKNOWN, Grype
 * Unknown) give no label, so that the weakness is scored from its CVSS, or not at all.
 */
export function severityLabel(word: string | undefined): SeverityLabel | undefined {
  return word === undefined ? undefined : LABELS.get(word.trim().toLowerCase());
}

const VERSIONS: ReadonlySet<string> = new Set(['2.0', '3.0', '3.1', '4.0']);

function asVersion(v: string | undefined): CvssVersion | undefined {
  if (v === undefined) return undefined;
  const normal = v === '2' ? '2.0' : v === '3' ? '3.0' : v === '4' ? '4.0' : v;
  return VERSIONS.has(normal) ? (normal as CvssVersion) : undefined;
}

/**
 * One CVSS entry from whatever a scanner gives: the vector's own prefix decides the version
 * (a "V3Vector" may be 3.0 or 3.1), else the version the scanner states, else `fallback`.
 * Scores outside 0–10 are dropped, not trusted; nothing usable gives undefined.
 */
export function cvssEntry(
  vector: string | undefined,
  score: number | undefined,
  stated?: string,
  fallback?: CvssVersion,
): Cvss | undefined {
  const v = vector?.trim() || undefined;
  const version = (v && vectorVersion(v)) ?? asVersion(stated) ?? fallback;
  if (!version) return undefined;
  const s = score !== undefined && score >= 0 && score <= 10 ? score : undefined;
  if (v === undefined && s === undefined) return undefined;
  return { version, ...(s !== undefined && { score: s }), ...(v !== undefined && { vector: v }) };
}

/** A time from the file, normalised to ISO 8601 UTC; an unparseable one is an error. */
export function isoTime(file: string, value: string, path: JsonPath): string {
  const iso = isoUtc(value);
  if (iso === undefined) throw messages.badTime(file, jsonPath(path), value);
  return iso;
}

/** The date part (YYYY-MM-DD) of a time from the file, for `published`. */
export function isoDate(file: string, value: string, path: JsonPath): string {
  return isoTime(file, value, path).slice(0, 10);
}

/**
 * Go's zero time (`0001-01-01T00:00:00Z`) is how scanners written in Go say "no time": it is
 * treated as absent, not as a real date.
 */
export function isZeroTime(value: string): boolean {
  return /^0001-01-01/.test(value);
}

const CVE = /^CVE-\d{4}-\d{4,}$/i;

export function isCve(id: string): boolean {
  return CVE.test(id);
}

/** Distinct non-empty strings, first occurrence order. */
export function distinct(values: Iterable<string | undefined>): string[] {
  const out = new Set<string>();
  for (const v of values) if (v) out.add(v);
  return [...out];
}

/**
 * A device id from the input's file name, for reports that do not name what was scanned (npm
 * audit, a Grype scan of "."): `audits/webapp.json` → `webapp`. A generic file name
 * (`npm-audit.json`, `results.json`) gives its folder's name instead (`webapp/npm-audit.json` →
 * `webapp`), as long as that folder is not a date folder.
 */
export function deviceFromFileName(displayPath: string): string {
  const parts = displayPath.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
  const stem = (parts.at(-1) ?? displayPath).replace(/(\.gz)?$/i, '').replace(/\.json$/i, '');
  const folder = parts.at(-2);
  const generic =
    /^(npm[-_. ]?)?(audit|report|results?|output|scan|grype|osv[-_. ]?scanner)([-_. ]?(report|results?|output|json))?$/i;
  if (generic.test(stem) && folder && !/^\d{4}-\d{2}-\d{2}/.test(folder)) return folder;
  return stem;
}
