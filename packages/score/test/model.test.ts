import { describe, expect, it } from 'vitest';
import {
  likelihoodOf,
  scoreVector,
  duplicatedMetric,
  severityLabel,
  severityOf,
  findingRisk,
  vectorVersion,
} from '../src/index.js';

describe('severity S', () => {
  it.each([
    ['critical', 0.95],
    ['high', 0.8],
    ['medium', 0.55],
    ['low', 0.25],
    ['none', 0],
  ] as const)('label %s gives %f', (label, s) => {
    expect(severityOf([], label)).toEqual({ value: s, source: 'label' });
  });

  it('prefers CVSS v4.0 over v3.1 over v3.0 over v2', () => {
    const all = [
      { version: '2.0', score: 10 },
      { version: '3.0', score: 9 },
      { version: '3.1', score: 9.8 },
      { version: '4.0', score: 6.5 },
    ] as const;
    expect(severityOf([...all], 'low').value).toBeCloseTo(0.65, 12);
    expect(severityOf(all.slice(0, 3), 'low').value).toBeCloseTo(0.98, 12);
    expect(severityOf(all.slice(0, 2), 'low').value).toBeCloseTo(0.9, 12);
    expect(severityOf(all.slice(0, 1), 'low').value).toBeCloseTo(1, 12);
  });

  it('scores a vector that comes without a score, by its version', () => {
    const s = severityOf(
      [{ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      undefined,
    );
    expect(s.value).toBeCloseTo(0.98, 12);
    expect(s.source).toBe('cvss3.1');
    expect(s.cvss?.score).toBe(9.8);
    expect(
      scoreVector('4.0', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'),
    ).toBe(9.3);
    expect(scoreVector('2.0', 'AV:N/AC:L/Au:N/C:P/I:P/A:P')).toBe(7.5);
    expect(scoreVector('3.0', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N')).toBe(5.4);
  });

  it('does not score a vector that gives a metric twice (the calculator would take the last)', () => {
    const full = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
    expect(scoreVector('3.1', full)).toBe(9.8);
    expect(scoreVector('3.1', `${full}/AV:P`)).toBeUndefined();
    expect(duplicatedMetric(`${full}/AV:P`)).toBe('AV');
    expect(duplicatedMetric(full)).toBeUndefined();
    expect(scoreVector('2.0', '(AV:N/AC:L/Au:N/C:P/I:P/A:P/C:N)')).toBeUndefined();
    expect(severityOf([{ version: '3.1', vector: `${full}/C:N` }], 'low').source).toBe('label');
  });

  it('falls back to the next version, then the label, when a vector is invalid', () => {
    expect(
      severityOf(
        [
          { version: '4.0', vector: 'garbage' },
          { version: '3.1', score: 5 },
        ],
        'high',
      ).value,
    ).toBe(0.5);
    expect(severityOf([{ version: '3.1', vector: 'CVSS:3.1/AV:N' }], 'high')).toEqual({
      value: 0.8,
      source: 'label',
    });
  });

  it('counts a weakness with neither CVSS nor a usable label as medium (0.55), and none as 0', () => {
    expect(severityOf([], undefined)).toEqual({ value: 0.55, source: 'unknown' });
    expect(severityOf([{ version: '3.1', vector: 'CVSS:3.1/AV:N' }], undefined)).toEqual({
      value: 0.55,
      source: 'unknown',
    });
    expect(severityOf([], 'none')).toEqual({ value: 0, source: 'label' });
    // Log4Shell in an untriaged VEX, listed in KEV: r = 0.55 × 0.5 = 0.275, D = 27.5.
    expect(findingRisk(severityOf([], undefined).value, 0.5, false)).toBeCloseTo(0.275, 15);
  });

  it('reads the version a vector declares', () => {
    expect(vectorVersion('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBe('3.1');
    expect(vectorVersion('AV:N/AC:L/Au:N/C:P/I:P/A:P')).toBe('2.0');
    expect(vectorVersion('nonsense')).toBeUndefined();
  });

  it.each([
    [0.95, 'critical'],
    [0.9, 'critical'],
    [0.7, 'high'],
    [0.4, 'medium'],
    [0.01, 'low'],
    [0, 'none'],
  ] as const)('S %f is shown as %s', (s, label) => expect(severityLabel(s)).toBe(label));
});

describe('likelihood L', () => {
  it.each([
    [{ kev: true, exploit: 'none' }, 0.5],
    [{ kev: true, exploit: 'weaponized' }, 0.5],
    [{ kev: false, exploit: 'weaponized' }, 0.25],
    [{ kev: false, exploit: 'poc' }, 0.08],
    [{ kev: false, exploit: 'none' }, 0.005],
    [{ kev: false, exploit: 'poc', epss: 0.3 }, 0.3],
    [{ kev: true, exploit: 'none', epss: 0.1 }, 0.5],
    [{ kev: false, exploit: 'none', epss: 0.001 }, 0.005],
  ] as const)('%o gives %f', (t, l) => expect(likelihoodOf(t)).toBe(l));

  it('an active alert sets L to 1', () => {
    expect(findingRisk(0.8, 0.005, true)).toBe(0.8);
    expect(findingRisk(0.8, 0.25, false)).toBeCloseTo(0.2, 15);
  });
});
