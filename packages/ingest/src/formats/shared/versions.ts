/**
 * Choosing one fixed version when a scanner lists several (Trivy `"1.5.13, 1.3.15"`, Grype
 * `fix.versions[]`, OSV ranges, npm advisory ranges): the lowest one above the installed
 * version, that is the smallest update that removes the weakness. Versions are ordered by the
 * score package's compareVersions, the same order its recommendations use.
 */
import { compareVersions } from '@exposure/score';

/**
 * The fixed version to report among `candidates`: with an installed version, the lowest one
 * above it (or, when none is above it, the first listed); without one, the highest, which fixes
 * every branch. One candidate is returned as is.
 */
export function pickFixedVersion(
  candidates: readonly string[],
  installed?: string,
): string | undefined {
  const list = [...new Set(candidates.map((c) => c.trim()).filter((c) => c !== ''))];
  if (list.length <= 1) return list[0];
  if (installed) {
    const above = list.filter((c) => compareVersions(c, installed) > 0).sort(compareVersions);
    return above[0] ?? list[0];
  }
  return [...list].sort(compareVersions).at(-1);
}

/** Trivy's comma-separated FixedVersion as a list. */
export function splitVersions(text: string | undefined): string[] {
  return text
    ? text
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '')
    : [];
}
