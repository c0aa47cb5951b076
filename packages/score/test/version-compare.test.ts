import fc from 'fast-check';
import semverCompare from 'semver/functions/compare.js';
import semverValid from 'semver/functions/valid.js';
import { describe, expect, it } from 'vitest';
import { compareVersions } from '../src/index.js';
import { VersionTable } from '../src/version-compare.js';

describe('compareVersions', () => {
  it.each([
    ['1.2.3', '1.2.10', -1],
    ['5.6.2', '5.6.10', -1],
    ['2.0.0-rc.1', '2.0.0', -1],
    ['1:1.0', '2.0', 1],
    ['1.1.1k-r0', '1.1.1t-r0', -1],
    ['2.17-326.el7_9', '2.17-325.el7_9', 1],
    ['1.0~beta1', '1.0', -1],
    ['10.0.19045.3803', '10.0.19045.4046', -1],
    ['v1.4.0', '1.4.0', 0],
    ['1.4.0+build.7', '1.4.0', 0],
    ['same', 'same', 0],
  ] as const)('%s vs %s → %i', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
    expect(Math.sign(compareVersions(b, a))).toBe(-sign || 0);
  });

  // Versions as scanners write them: semver, with a v, an epoch, a distro suffix, a ~ pre-release.
  const version = fc
    .tuple(
      fc.constantFrom('', 'v', '1:', '2:'),
      fc.array(fc.nat(30), { minLength: 1, maxLength: 4 }),
      fc.constantFrom('', '-rc.1', '-1', '~beta1', '-326.el7_9', 'k-r0', '+build.5', '-alpha'),
    )
    .map(([prefix, parts, suffix]) => `${prefix}${parts.join('.')}${suffix}`);

  it('agrees with semver wherever both versions are valid semver', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        const sa = semverValid(a, { loose: true });
        const sb = semverValid(b, { loose: true });
        fc.pre(sa !== null && sb !== null);
        expect(Math.sign(compareVersions(a, b))).toBe(
          Math.sign(semverCompare(sa!, sb!, { loose: true })),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('compares string-table indexes as it compares the strings, each parsed once', () => {
    fc.assert(
      fc.property(fc.array(version, { minLength: 2, maxLength: 12 }), (strings) => {
        const table = new VersionTable(strings);
        for (let a = 0; a < strings.length; a++)
          for (let b = 0; b < strings.length; b++)
            expect(Math.sign(table.compare(a, b))).toBe(
              Math.sign(compareVersions(strings[a]!, strings[b]!)),
            );
      }),
      { numRuns: 300 },
    );
  });
});
