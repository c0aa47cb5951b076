import semverCompare from 'semver/functions/compare.js';
import semverValid from 'semver/functions/valid.js';

/**
 * Orders version strings from any ecosystem: semver when both are valid semver, otherwise a
 * dpkg-like comparison (epoch, then runs of digits numerically and other runs lexically, `~`
 * sorting before anything), which also orders RPM, Windows build and KB-style numbers sensibly.
 */
export function compareVersions(a: string, b: string): number {
  if (a === b) return 0;
  const sa = semverValid(a, { loose: true });
  const sb = semverValid(b, { loose: true });
  if (sa && sb) return semverCompare(sa, sb, { loose: true });
  const [ea, ra] = splitEpoch(a);
  const [eb, rb] = splitEpoch(b);
  if (ea !== eb) return ea < eb ? -1 : 1;
  return compareRuns(ra, rb);
}

function splitEpoch(v: string): [number, string] {
  const m = /^(\d+):(.*)$/.exec(v.trim());
  return m ? [Number(m[1]), m[2]!] : [0, v.trim()];
}

const RUN = /(\d+|~|[^\d~]+)/g;

function compareRuns(a: string, b: string): number {
  const xa = a.match(RUN) ?? [];
  const xb = b.match(RUN) ?? [];
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
