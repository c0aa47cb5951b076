import { describe, expect, it } from 'vitest';
import {
  applyExceptions,
  assess,
  exceptionSummary,
  notAffectedSummary,
  withoutExceptions,
  type ExceptionRule,
} from '../src/index.js';
import { makeDevice, makeFinding, makeSnapshot, makeWeakness } from './builders.js';

/*
 * Hand-computed fleet (every device weight 1, all three in scope), as of 2026-11-01:
 *   W1 CVSS 10 + KEV: r = 1 × 0.5 = 0.5     W2 CVSS 6 + KEV: r = 0.3     W3 CVSS 8 + KEV: r = 0.4
 *   d1 (Web, "web-01"): W1 via acme/httpd, W2 via zlib/zlib  D = 100 (1 − 0.5 × 0.7) = 65
 *   d2 (Web):           W1 via acme/httpd                    D = 50
 *   d3 (Db):            W3, no software                      D = 40
 *   E = (65 + 50 + 40) / 3 = 51.666…
 */
function fleet() {
  return makeSnapshot({
    takenAt: '2026-11-01T09:00:00Z',
    devices: [
      makeDevice('d1', { name: 'web-01', group: 'Web' }),
      makeDevice('d2', { group: 'Web' }),
      makeDevice('d3', { group: 'Db' }),
    ],
    weaknesses: [
      makeWeakness('CVE-2026-0001', 10, { kev: true }),
      makeWeakness('CVE-2026-0002', 6, { kev: true }),
      makeWeakness('CVE-2026-0003', 8, { kev: true }),
    ],
    findings: [
      makeFinding('d1', 'CVE-2026-0001', { software: { vendor: 'acme', product: 'httpd' } }),
      makeFinding('d1', 'CVE-2026-0002', { software: { vendor: 'zlib', product: 'zlib' } }),
      makeFinding('d2', 'CVE-2026-0001', { software: { vendor: 'acme', product: 'httpd' } }),
      makeFinding('d3', 'CVE-2026-0003'),
    ],
  });
}

function rule(extra: Partial<ExceptionRule> & { weakness: string }): ExceptionRule {
  return { source: 'exceptions.csv line 2', ...extra };
}

function scoreWith(rules: ExceptionRule[]) {
  const applied = applyExceptions(fleet(), rules);
  return { applied, a: assess(applied.snapshot) };
}

describe('applyExceptions', () => {
  it('leaves the score as it was with no rules', () => {
    expect(assess(fleet()).score).toBeCloseTo(155 / 3, 10);
  });

  it('an exception on one device, named by its id or its name in any case', () => {
    for (const device of ['d1', 'web-01', 'WEB-01']) {
      const { applied, a } = scoreWith([rule({ weakness: 'cve-2026-0001', device })]);
      // d1 keeps W2 only: 30; E = (30 + 50 + 40) / 3 = 40.
      expect(a.score).toBeCloseTo(40, 10);
      expect(applied.outcomes[0]).toMatchObject({
        expired: false,
        devices: ['d1'],
        weaknesses: ['CVE-2026-0001'],
        findings: 1,
      });
      expect(applied.warnings).toEqual([]);
    }
  });

  it('an exception on a group', () => {
    const { applied, a } = scoreWith([rule({ weakness: 'CVE-2026-0001', group: 'Web' })]);
    // d1 30, d2 0, d3 40: E = 70 / 3.
    expect(a.score).toBeCloseTo(70 / 3, 10);
    expect(applied.outcomes[0]!.devices).toEqual(['d1', 'd2']);
    expect(applied.outcomes[0]!.findings).toBe(2);
  });

  it('an exception on a software, any weakness through it', () => {
    const { applied, a } = scoreWith([
      rule({ weakness: '*', software: { vendor: 'ZLIB', product: 'zlib' } }),
    ]);
    // d1 keeps W1 only: 50; E = (50 + 50 + 40) / 3.
    expect(a.score).toBeCloseTo(140 / 3, 10);
    expect(applied.outcomes[0]).toMatchObject({ devices: ['d1'], weaknesses: ['CVE-2026-0002'] });
  });

  it('a software without vendor matches the product from any vendor', () => {
    const { a } = scoreWith([rule({ weakness: '*', software: { vendor: '', product: 'httpd' } })]);
    // d1 30, d2 0, d3 40.
    expect(a.score).toBeCloseTo(70 / 3, 10);
  });

  it('a weakness narrowed by software does not hide the same weakness found without it', () => {
    const { a } = scoreWith([
      rule({ weakness: 'CVE-2026-0003', software: { vendor: 'acme', product: 'httpd' } }),
    ]);
    expect(a.score).toBeCloseTo(155 / 3, 10);
  });

  it('`*` with nothing to narrow it accepts everything', () => {
    const { applied, a } = scoreWith([rule({ weakness: '*' })]);
    expect(a.score).toBe(0);
    expect(a.level).toBe('low');
    expect(applied.outcomes[0]).toMatchObject({ findings: 4, devices: ['d1', 'd2', 'd3'] });
    expect(a.findings).toEqual({ total: 4, open: 0 });
  });

  it('an expired exception counts again and is flagged; it holds through its last day', () => {
    const expired = scoreWith([rule({ weakness: 'CVE-2026-0003', expires: '2026-10-31' })]);
    expect(expired.a.score).toBeCloseTo(155 / 3, 10);
    expect(expired.applied.outcomes[0]).toMatchObject({
      expired: true,
      devices: ['d3'],
      findings: 1,
    });
    expect(expired.applied.warnings).toEqual([
      'exceptions.csv line 2: exception expired on 2026-10-31: its 1 finding count again',
    ]);
    const lastDay = scoreWith([rule({ weakness: 'CVE-2026-0003', expires: '2026-11-01' })]);
    // d3 clean: E = (65 + 50 + 0) / 3.
    expect(lastDay.a.score).toBeCloseTo(115 / 3, 10);
    expect(lastDay.applied.outcomes[0]!.expired).toBe(false);
  });

  it('an expired rule does not claim findings an unexpired rule hides', () => {
    const { applied } = scoreWith([
      rule({ weakness: 'CVE-2026-0001', expires: '2026-01-01' }),
      rule({ weakness: 'CVE-2026-0001', device: 'd2', source: 'exceptions.csv line 3' }),
    ]);
    expect(applied.outcomes[0]).toMatchObject({ expired: true, devices: ['d1'], findings: 1 });
    expect(applied.outcomes[1]).toMatchObject({ expired: false, devices: ['d2'], findings: 1 });
  });

  it('a rule that matches nothing is a warning', () => {
    const { applied, a } = scoreWith([
      rule({ weakness: 'CVE-1999-0001' }),
      rule({ weakness: 'CVE-2026-0001', device: 'nope', source: 'x.json $[1]' }),
      rule({ weakness: 'CVE-2026-0003', group: 'Web', source: 'x.json $[2]' }),
    ]);
    expect(a.score).toBeCloseTo(155 / 3, 10);
    expect(applied.warnings).toEqual([
      'exceptions.csv line 2: exception matches no open finding',
      'x.json $[1]: exception matches no open finding',
      'x.json $[2]: exception matches no open finding',
    ]);
  });

  it('does not touch the snapshot it was given', () => {
    const s = fleet();
    applyExceptions(s, [rule({ weakness: '*' })]);
    expect(assess(s).score).toBeCloseTo(155 / 3, 10);
  });
});

describe('the score without exceptions', () => {
  it('is the score of the same state with every exception reopened, native ones included', () => {
    const s = makeSnapshot({
      takenAt: '2026-11-01T00:00:00Z',
      weaknesses: [makeWeakness('A', 10, { kev: true }), makeWeakness('B', 6, { kev: true })],
      findings: [
        makeFinding('d1', 'A'),
        // Accepted in the input itself (native status): r = 0.3 once reopened.
        makeFinding('d2', 'B', { status: 'exception' }),
        makeFinding('d3', 'B', { status: 'not_affected' }),
      ],
    });
    const applied = applyExceptions(s, [rule({ weakness: 'A' })]);
    expect(assess(applied.snapshot).score).toBe(0);
    // d1 50, d2 30, d3 0 (not_affected is no exception): (50 + 30 + 0) / 3.
    expect(assess(withoutExceptions(applied.snapshot)).score).toBeCloseTo(80 / 3, 10);
    expect(exceptionSummary(applied.snapshot)).toEqual({
      findings: 2,
      devices: 2,
      weaknesses: [
        { id: 'A', devices: 1 },
        { id: 'B', devices: 1 },
      ],
    });
    expect(notAffectedSummary(applied.snapshot)).toEqual({
      findings: 1,
      devices: 1,
      weaknesses: [{ id: 'B', devices: 1 }],
    });
  });

  it('is the snapshot itself when nothing is accepted', () => {
    const s = fleet();
    expect(withoutExceptions(s)).toBe(s);
  });
});
