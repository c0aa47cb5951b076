import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assess, STATUS_CODES, type Snapshot } from '@exposure/score';
// The recommendation each finding belongs to (model rule 7) is the engine's; reused, not redone.
import { prepare } from '../../score/src/prepare.js';
import { makeDevice, makeFinding, makeSnapshot, makeWeakness } from '../../score/test/builders.js';
import { scoreOnDuckdb, type SqlFinding } from '../src/duckdb.js';

async function both(s: Snapshot) {
  const p = prepare(s);
  const f = s.findings;
  const findings: SqlFinding[] = [];
  for (let n = 0; n < f.count; n++) {
    const rec = p.rec[n]!;
    findings.push({
      device: s.devices[f.device[n]!]!.id,
      weakness: s.weaknesses[f.weakness[n]!]!.id,
      rec: rec >= 0 ? p.recs[rec]!.id : '',
      status: STATUS_CODES[f.status[n]!]!,
      activeAlert: f.activeAlert[n] === 1,
    });
  }
  const sql = await scoreOnDuckdb(
    s.devices.map((d) => ({ id: d.id, grp: d.group ?? null, value: d.value, inScope: d.inScope })),
    s.weaknesses.map((w) => ({ id: w.id, severity: w.severity, likelihood: w.likelihood })),
    findings,
  );
  return { ts: assess(s), sql };
}

describe('DuckDB parity with the TypeScript engine', () => {
  it('traps: fixed/exception findings, same CVE via two software, clean and high-value devices', async () => {
    const s = makeSnapshot({
      devices: [
        makeDevice('a', { value: 'high' }),
        makeDevice('b', { value: 'low' }),
        makeDevice('c'),
      ],
      weaknesses: [makeWeakness('CVE-1', 9.8, { kev: true }), makeWeakness('CVE-2', 5)],
      findings: [
        makeFinding('a', 'CVE-1', { software: { vendor: 'v', product: 'p1' } }),
        makeFinding('a', 'CVE-1', { software: { vendor: 'v', product: 'p2' } }),
        makeFinding('b', 'CVE-1', { software: { vendor: 'v', product: 'p1' }, activeAlert: true }),
        makeFinding('b', 'CVE-2', { status: 'fixed' }),
        makeFinding('a', 'CVE-2', { status: 'exception' }),
        makeFinding('b', 'CVE-2'),
      ],
    });
    const { ts, sql } = await both(s);
    // toBeCloseTo, not toFixed: b's 98.005 sits on a rounding edge where 1e-14 flips the 2nd decimal.
    expect(sql.organization).toBeCloseTo(ts.score, 9);
    for (const d of ts.devices) expect(sql.devices.get(d.id)!.exposure).toBeCloseTo(d.score, 9);
    for (const r of ts.recommendations)
      expect(sql.impacts.get(r.id) ?? 0).toBeCloseTo(r.exposureImpact, 9);
  });

  it('random fleets: every device score and impact agree (100 cases)', async () => {
    const finding = fc.record({
      d: fc.integer({ min: 0, max: 5 }),
      w: fc.integer({ min: 0, max: 4 }),
      sw: fc.integer({ min: 0, max: 3 }),
      status: fc.constantFrom('open', 'open', 'fixed', 'exception'),
      alert: fc.boolean(),
    });
    const fleet = fc.record({
      values: fc.array(fc.constantFrom('low', 'normal', 'high'), { minLength: 6, maxLength: 6 }),
      scores: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 5, maxLength: 5 }),
      kev: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      findings: fc.array(finding, { maxLength: 25 }),
    });
    await fc.assert(
      fc.asyncProperty(fleet, async (x) => {
        const s = makeSnapshot({
          devices: x.values.map((v, i) => makeDevice(`d${i}`, { value: v as 'low' })),
          weaknesses: x.scores.map((sc, i) => makeWeakness(`W${i}`, sc / 10, { kev: x.kev[i]! })),
          findings: x.findings.map((f) =>
            makeFinding(`d${f.d}`, `W${f.w}`, {
              ...(f.sw > 0 ? { software: { vendor: 'v', product: `p${f.sw}` } } : {}),
              status: f.status as 'open',
              activeAlert: f.alert,
            }),
          ),
        });
        const { ts, sql } = await both(s);
        expect(sql.organization).toBeCloseTo(ts.score, 9);
        for (const d of ts.devices) expect(sql.devices.get(d.id)!.exposure).toBeCloseTo(d.score, 9);
        for (const r of ts.recommendations)
          expect(sql.impacts.get(r.id) ?? 0).toBeCloseTo(r.exposureImpact, 9);
      }),
      { numRuns: 100, seed: 14 },
    );
  });
});
