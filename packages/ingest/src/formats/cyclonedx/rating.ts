/**
 * CycloneDX `vulnerabilities[].ratings[]` → CVSS entries and a severity label, and
 * `analysis.state` → finding status.
 */
import type { Cvss, CvssVersion, FindingStatus, SeverityLabel } from '@exposure/score';
import { vectorVersion } from '@exposure/score';
import type { JsonFields, JsonObject, JsonPath } from '../shared/json.js';

const METHOD_VERSION: Record<string, CvssVersion> = {
  CVSSv2: '2.0',
  CVSSv3: '3.0',
  CVSSv31: '3.1',
  CVSSv4: '4.0',
};

/** CycloneDX severities; `info` is informational (no exposure), `unknown` says nothing. */
const SEVERITY_LABEL: Record<string, SeverityLabel | undefined> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  info: 'none',
  none: 'none',
  unknown: undefined,
};

/**
 * Temporal/threat and environmental metrics, per version. A vector that sets any of them carries a
 * score that is not the base score, as in a VEX whose supplier rates the vulnerability 0.0 in its
 * product's environment. (v4 supplemental metrics do not change the score and are not listed.)
 */
const V3_NON_BASE = [
  'E',
  'RL',
  'RC',
  'CR',
  'IR',
  'AR',
  'MAV',
  'MAC',
  'MPR',
  'MUI',
  'MS',
  'MC',
  'MI',
  'MA',
];
const NON_BASE_METRICS: Record<CvssVersion, ReadonlySet<string>> = {
  '2.0': new Set(['E', 'RL', 'RC', 'CDP', 'TD', 'CR', 'IR', 'AR']),
  '3.0': new Set(V3_NON_BASE),
  '3.1': new Set(V3_NON_BASE),
  '4.0': new Set([
    'E',
    'CR',
    'IR',
    'AR',
    'MAV',
    'MAC',
    'MAT',
    'MPR',
    'MUI',
    'MVC',
    'MVI',
    'MVA',
    'MSC',
    'MSI',
    'MSA',
  ]),
};

export interface Ratings {
  cvss: Cvss[];
  label?: SeverityLabel;
}

/** The vector with the `CVSS:x.y/` prefix its version's calculators expect (none for v2). */
export function normaliseVector(version: CvssVersion, vector: string): string {
  const v = vector.trim().replace(/^\((.*)\)$/, '$1');
  const bare = v.replace(/^CVSS:\d\.\d\//, '');
  return version === '2.0' ? bare : `CVSS:${version}/${bare}`;
}

/** True when the vector sets a metric outside the base group to a defined value. */
export function hasNonBaseMetrics(version: CvssVersion, vector: string): boolean {
  const nonBase = NON_BASE_METRICS[version];
  return vector
    .replace(/^CVSS:\d\.\d\//, '')
    .split('/')
    .some((part) => {
      const [key, value] = part.split(':');
      return (
        key !== undefined &&
        nonBase.has(key) &&
        value !== undefined &&
        value !== 'X' &&
        value !== 'ND'
      );
    });
}

/** Reads every rating: those with a CVSS method (or a vector that names its version) become CVSS entries. */
export function readRatings(f: JsonFields, vuln: JsonObject, path: JsonPath): Ratings {
  const cvss: Cvss[] = [];
  let label: SeverityLabel | undefined;
  for (const { item: r, path: p } of f.objects(vuln, 'ratings', path)) {
    const method = f.optStr(r, 'method', p);
    const score = f.optNum(r, 'score', p);
    const rawVector = f.optStr(r, 'vector', p)?.trim();
    const severity = f.optStr(r, 'severity', p);
    if (severity !== undefined && !(severity in SEVERITY_LABEL)) {
      f.fail(
        [...p, 'severity'],
        `"${severity}" is not a CycloneDX severity (${Object.keys(SEVERITY_LABEL).join(', ')})`,
      );
    }
    // The vector's own prefix is more specific than the method: osv-scanner writes CVSSv3 for 3.1 vectors.
    const version =
      (rawVector && vectorVersion(rawVector)) || (method ? METHOD_VERSION[method] : undefined);
    // A supplier's environmental rating (MC:N/MI:N/MA:N → 0.0 "none") says nothing of the weakness itself.
    const environmental =
      version !== undefined && rawVector !== undefined && hasNonBaseMetrics(version, rawVector);
    if (!environmental) label ??= severity === undefined ? undefined : SEVERITY_LABEL[severity];
    if (!version) continue;
    if (score !== undefined && (score < 0 || score > 10)) {
      f.fail(
        [...p, 'score'],
        `a ${method ?? 'CVSS'} score must be between 0 and 10, found ${score}`,
      );
    }
    const vector = rawVector ? normaliseVector(version, rawVector) : undefined;
    if (score === undefined && vector === undefined) continue;
    const keepScore = score !== undefined && !environmental;
    cvss.push({ version, ...(keepScore && { score }), ...(vector && { vector }) });
  }
  return { cvss, ...(label && { label }) };
}

/** VEX `analysis.state` → finding status; responses (will_not_fix, update …) do not change it. */
export const ANALYSIS_STATUS: Record<string, FindingStatus> = {
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  exploitable: 'open',
  in_triage: 'open',
};

export function readStatus(f: JsonFields, vuln: JsonObject, path: JsonPath): FindingStatus {
  const analysis = f.optObject(vuln, 'analysis', path);
  if (!analysis) return 'open';
  const p = [...path, 'analysis'];
  const state = f.optStr(analysis, 'state', p);
  f.strings(analysis, 'response', p);
  if (state === undefined) return 'open';
  const status = ANALYSIS_STATUS[state];
  if (!status) {
    f.fail(
      [...p, 'state'],
      `"${state}" is not a VEX analysis state (${Object.keys(ANALYSIS_STATUS).join(', ')})`,
    );
  }
  return status;
}
