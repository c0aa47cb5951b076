import cvssCalculator from 'ae-cvss-calculator';
import { CVSS_PREFERENCE, SEVERITY_BANDS, SEVERITY_FROM_LABEL, SEVERITY_UNKNOWN } from './model.js';
import type { Cvss, CvssVersion, SeverityLabel } from './types.js';

const { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } = cvssCalculator;

/**
 * Where a weakness's severity S came from: a CVSS version, the label, or neither (`unknown`,
 * counted as medium).
 */
export type SeveritySource = `cvss${CvssVersion}` | 'label' | 'unknown';

export interface Severity {
  /** S ∈ [0, 1]. */
  value: number;
  source: SeveritySource;
  /** The CVSS entry used, with its score filled in when it was computed from the vector. */
  cvss?: Cvss;
}

/**
 * The first metric a vector names twice (`AV` in `CVSS:3.1/AV:N/AV:L/…`), if any. The
 * specifications allow each metric once; the calculator would let the last one win, so such a
 * vector is not valid rather than scored by a guess.
 */
export function duplicatedMetric(vector: string): string | undefined {
  const seen = new Set<string>();
  for (const part of vector
    .trim()
    .replace(/^\(|\)$/g, '')
    .split('/')) {
    const key = part.split(':', 1)[0]!;
    if (key === 'CVSS') continue;
    if (seen.has(key)) return key;
    seen.add(key);
  }
  return undefined;
}

/** Base score of a CVSS vector by its version's specification; undefined when it is not valid. */
export function scoreVector(version: CvssVersion, vector: string): number | undefined {
  if (duplicatedMetric(vector) !== undefined) return undefined;
  try {
    const scores =
      version === '4.0'
        ? new Cvss4P0(vector).calculateScores()
        : version === '3.1'
          ? new Cvss3P1(vector).calculateScores()
          : version === '3.0'
            ? new Cvss3P0(vector).calculateScores()
            : new Cvss2(
                vector.replace(/^\(|\)$/g, '').replace(/^CVSS:2\.0\//, ''),
              ).calculateScores();
    const base = scores.base;
    return typeof base === 'number' && Number.isFinite(base) && base >= 0 && base <= 10
      ? base
      : undefined;
  } catch {
    return undefined;
  }
}

/** The CVSS version a vector string declares, if any (`CVSS:3.1/…`); v2 vectors carry no prefix. */
export function vectorVersion(vector: string): CvssVersion | undefined {
  const match = /^CVSS:(\d\.\d)\//.exec(vector.trim());
  if (!match) return /(^|\/)Au:[MSN]/.test(vector) ? '2.0' : undefined;
  const v = match[1];
  return v === '4.0' || v === '3.1' || v === '3.0' ? v : undefined;
}

/** Severity S: the preferred CVSS version's base score / 10, else the label, else unknown (0.55). */
export function severityOf(cvss: readonly Cvss[], label: SeverityLabel | undefined): Severity {
  for (const version of CVSS_PREFERENCE) {
    for (const entry of cvss) {
      if (entry.version !== version) continue;
      const score =
        typeof entry.score === 'number' && entry.score >= 0 && entry.score <= 10
          ? entry.score
          : entry.vector
            ? scoreVector(version, entry.vector)
            : undefined;
      if (score !== undefined) {
        return { value: score / 10, source: `cvss${version}`, cvss: { ...entry, score } };
      }
    }
  }
  if (label) return { value: SEVERITY_FROM_LABEL[label], source: 'label' };
  return { value: SEVERITY_UNKNOWN, source: 'unknown' };
}

/** The qualitative label for a severity S (CVSS v3 bands). */
export function severityLabel(s: number): SeverityLabel {
  if (s >= SEVERITY_BANDS.critical) return 'critical';
  if (s >= SEVERITY_BANDS.high) return 'high';
  if (s >= SEVERITY_BANDS.medium) return 'medium';
  if (s > 0) return 'low';
  return 'none';
}
