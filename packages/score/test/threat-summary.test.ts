import { describe, expect, it } from 'vitest';
import { EPSS_NOTABLE } from '../src/model.js';
import { threatCounts } from '../src/threat-summary.js';

const w = (extra: Partial<Parameters<typeof threatCounts>[0][number]> = {}) => ({
  kev: false,
  exploit: 'none' as const,
  activeAlerts: 0,
  ...extra,
});

describe('threatCounts', () => {
  it('counts each kind of evidence once per weakness, a weaponized exploit not also as PoC', () => {
    expect(
      threatCounts([
        w({ kev: true, exploit: 'weaponized', epss: 0.9, activeAlerts: 2 }),
        w({ exploit: 'poc', epss: EPSS_NOTABLE }),
        w({ epss: EPSS_NOTABLE / 2 }),
        w(),
      ]),
    ).toEqual({
      weaknesses: 4,
      kev: 1,
      weaponized: 1,
      poc: 1,
      epssHigh: 2,
      maxEpss: 0.9,
      activeAlerts: 2,
    });
  });

  it('has no largest EPSS when no weakness has one', () => {
    expect(threatCounts([w()]).maxEpss).toBeNull();
    expect(threatCounts([]).weaknesses).toBe(0);
  });
});
