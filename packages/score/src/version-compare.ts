import SemVer from 'semver/classes/semver.js';

/**
 * A version string read once: its semver form when it is valid (loose) semver, else its epoch and
 * runs for the dpkg-like comparison. Comparing parsed versions is what makes a million
 * comparisons cheap: semver's own functions parse both strings again on every call.
 */
export interface ParsedVersion {
  readonly text: string;
  readonly semver: SemVer | null;
  readonly epoch: number;
  readonly runs: readonly string[];
}

export function parseVersion(text: string): ParsedVersion {
  let semver: SemVer | null = null;
  try {
    semver = new SemVer(text, { loose: true });
  } catch {
    semver = null;
  }
  const m = /^(\d+):(.*)$/.exec(text.trim());
  const [epoch, rest] = m ? [Number(m[1]), m[2]!] : [0, text.trim()];
  return { text, semver, epoch, runs: rest.match(RUN) ?? [] };
}

/**
 * Orders version strings from any ecosystem: semver when both are valid semver, otherwise a
 * dpkg-like comparison (epoch, then runs of digits numerically and other runs lexically, `~`
 * sorting before anything), which also orders RPM, Windows build and KB-style numbers sensibly.
 */
export function compareVersions(a: string, b: string): number {
  if (a === b) return 0;
  return compareParsed(parseVersion(a), parseVersion(b));
}

export function compareParsed(a: ParsedVersion, b: ParsedVersion): number {
  if (a.text === b.text) return 0;
  if (a.semver && b.semver) return a.semver.compare(b.semver);
  if (a.epoch !== b.epoch) return a.epoch < b.epoch ? -1 : 1;
  return compareRuns(a.runs, b.runs);
}

/** Compares versions named by their index in a string table, each string parsed once. */
export class VersionTable {
  private readonly parsed = new Map<number, ParsedVersion>();
  constructor(private readonly strings: readonly string[]) {}

  compare(a: number, b: number): number {
    if (a === b) return 0;
    return compareParsed(this.get(a), this.get(b));
  }

  private get(i: number): ParsedVersion {
    let p = this.parsed.get(i);
    if (p === undefined) {
      p = parseVersion(this.strings[i]!);
      this.parsed.set(i, p);
    }
    return p;
  }
}

const RUN = /(\d+|~|[^\d~]+)/g;

function compareRuns(xa: readonly string[], xb: readonly string[]): number {
  for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
    const pa = xa[i];
    const pb = xb[i];
    if (pa === pb) continue;
    // A pre-release marker (~) sorts before the end of the string; anything else after it.
    if (pa === undefined) return pb === '~' ? 1 : -1;
    if (pb === undefined) return pa === '~' ? -1 : 1;
    if (pa === '~' || pb === '~') return pa === '~' ? -1 : 1;
    const na = /^\d/.test(pa);
    const nb = /^\d/.test(pb);
    if (na && nb) {
      const d = Number(pa) - Number(pb);
      if (d !== 0) return d < 0 ? -1 : 1;
      continue;
    }
    if (na !== nb) return na ? 1 : -1;
    return pa < pb ? -1 : 1;
  }
  return 0;
}
