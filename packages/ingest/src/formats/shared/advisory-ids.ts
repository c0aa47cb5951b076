/**
 * Advisory identifiers (CVE, GHSA, GO, PYSEC, RUSTSEC, OSV, distribution advisories …): what makes
 * a SARIF result a vulnerability in a package rather than a code finding, and how an advisory is
 * keyed in the snapshot. Also used by the CycloneDX importer for alias preference.
 */

const PATTERNS = [
  'CVE-\\d{4}-\\d{4,}',
  'GHSA(?:-[0-9a-z]{4}){3}',
  'GO-\\d{4}-\\d{4,}',
  'PYSEC-\\d{4}-\\d+',
  'RUSTSEC-\\d{4}-\\d{4,}',
  'OSV-\\d{4}-\\d+',
  'GMS-\\d{4}-\\d+',
  'MAL-\\d{4}-\\d+',
  'GSD-\\d{4}-\\d+',
  'DSA-\\d+(?:-\\d+)?',
  'DLA-\\d+(?:-\\d+)?',
  'USN-\\d+(?:-\\d+)?',
  'RHSA-\\d{4}:\\d+',
  'ELSA-\\d{4}-\\d+',
  'ALAS(?:2|2022|2023)?-\\d{4}-\\d+',
  'SUSE-SU-\\d{4}:\\d+-\\d+',
  'SNYK-[A-Z0-9]+(?:-[A-Z0-9]+)*-\\d+',
  'TEMP-\\d+-[0-9A-F]+',
  'NSWG-ECO-\\d+',
  'BIT-[a-z0-9-]+-\\d{4}-\\d+',
].join('|');

const ADVISORY_ID = new RegExp(`^(?:${PATTERNS})$`, 'i');
/** An advisory id followed by `-` and something else: Grype's rule ids (`CVE-2008-0732-openssl`). */
const ADVISORY_PREFIX = new RegExp(`^(${PATTERNS})-(.+)$`, 'i');

const CVE_ID = /^CVE-\d{4}-\d{4,}$/i;

export function isAdvisoryId(id: string): boolean {
  return ADVISORY_ID.test(id.trim());
}

/**
 * The advisory at the start of an id that goes on past it (`CVE-2008-0732-libssl1.1` →
 * `CVE-2008-0732` and `libssl1.1`), or undefined. A whole advisory id is not a prefix of itself.
 */
export function advisoryPrefix(id: string): { advisory: string; rest: string } | undefined {
  const m = ADVISORY_PREFIX.exec(id.trim());
  return m ? { advisory: m[1]!, rest: m[2]! } : undefined;
}

/** Every CVE id named in a text, upper case, once each, in order of appearance. */
export function cveIdsIn(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set([...text.matchAll(/\bCVE-\d{4}-\d{4,}\b/gi)].map((m) => m[0].toUpperCase()))];
}

export function isCveId(id: string): boolean {
  return CVE_ID.test(id.trim());
}

/**
 * The id to key a weakness by: the advisory's own id when it is a CVE; otherwise its one CVE alias
 * when it has exactly one (so that KEV, EPSS and other scanners' findings of the same CVE meet);
 * otherwise its own id. Several distinct CVE aliases are ambiguous, so the id stays as it is.
 */
export function preferredWeaknessId(id: string, aliases: readonly string[]): string {
  if (isCveId(id)) return id.trim().toUpperCase();
  const cves = [
    ...new Set(aliases.map((a) => a.trim().toUpperCase()).filter((a) => CVE_ID.test(a))),
  ];
  return cves.length === 1 ? cves[0]! : id.trim();
}
