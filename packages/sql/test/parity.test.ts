import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assess, type Snapshot } from '@exposure/score';
import { makeDevice, makeFinding, makeSnapshot, makeWeakness } from '../../score/test/builders.js';
import { generateDemoHistory } from '@exposure/demo';
import { scoreSnapshot } from '../src/duckdb.js';

/** Every score, level and impact of the TypeScript engine, and the SQL's, to 1e-9. */
async function expectParity(s: Snapshot): Promise<void> {
  const ts = assess(s);
  const sql = await scoreSnapshot(s);
  expect(sql.score).toBeCloseTo(ts.score, 9);
  expect(sql.level).toBe(ts.level);
  expect(sql.byLevel).toEqual(ts.deviceCounts.byLevel);
  expect(sql.devices.size).toBe(ts.devices.length);
  for (const d of ts.devices) {
    const got = sql.devices.get(d.id)!;
    expect(got.score).toBeCloseTo(d.score, 9);
    expect(got.level).toBe(d.level);
    expect(got.openWeaknesses).toBe(d.openWeaknesses);
  }
  expect(sql.groups.size).toBe(ts.groups.length);
  for (const g of ts.groups) {
    const got = sql.groups.get(g.name)!;
    expect(got.score).toBeCloseTo(g.score, 9);
    expect(got.level).toBe(g.level);
    expect(got.devices).toBe(g.devices);
    expect(got.byLevel).toEqual(g.byLevel);
  }
  // Recommendations with an open finding in scope, and only those, have an impact.
  expect([...sql.impacts.keys()].sort()).toEqual(ts.recommendations.map((r) => r.id).sort());
  for (const r of ts.recommendations)
    expect(sql.impacts.get(r.id)!).toBeCloseTo(r.exposureImpact, 9);
}

describe('DuckDB parity with the TypeScript engine', () => {
  it('traps: fixed/not-affected/exception findings, same CVE via two software, clean and high-value devices, alerts', async () => {
    await expectParity(
      makeSnapshot({
        devices: [
          makeDevice('a', { value: 'high', group: 'web' }),
          makeDevice('b', { value: 'low', group: 'web' }),
          makeDevice('c'),
          makeDevice('gone', { lastSeen: '2026-09-01T00:00:00Z' }),
        ],
        weaknesses: [
          makeWeakness('CVE-1', 9.8, { kev: true }),
          makeWeakness('CVE-2', 5, { epss: 0.3 }),
          { id: 'CVE-3', kind: 'vulnerability', severity: 'high', exploit: 'poc' },
          { id: 'CVE-4', kind: 'vulnerability' },
          { id: 'CFG-1', kind: 'configuration', severity: 'medium', title: 'Enable it' },
        ],
        findings: [
          makeFinding('a', 'CVE-1', { software: { vendor: 'v', product: 'p1' } }),
          makeFinding('a', 'CVE-1', { software: { vendor: 'V', product: 'P2' } }),
          makeFinding('b', 'CVE-1', {
            software: { vendor: 'v', product: 'p1' },
            activeAlert: true,
          }),
          makeFinding('b', 'CVE-2', { status: 'fixed' }),
          makeFinding('a', 'CVE-2', { status: 'exception' }),
          makeFinding('a', 'CVE-3', { status: 'not_affected' }),
          makeFinding('b', 'CVE-2'),
          makeFinding('b', 'CVE-3', { software: { vendor: '', product: 'Lib' } }),
          makeFinding('c', 'CVE-4', { recommendation: { id: 'rec-9', title: 'Imported' } }),
          makeFinding('c', 'CFG-1'),
          makeFinding('gone', 'CVE-1', { software: { vendor: 'v', product: 'p1' } }),
        ],
      }),
    );
  });

  it('random fleets: every device, group and level, and every impact agree (100 cases)', async () => {
    const finding = fc.record({
      d: fc.integer({ min: 0, max: 5 }),
      w: fc.integer({ min: 0, max: 4 }),
      sw: fc.integer({ min: 0, max: 3 }),
      status: fc.constantFrom('open', 'open', 'fixed', 'exception', 'not_affected'),
      alert: fc.boolean(),
    });
    const fleet = fc.record({
      values: fc.array(fc.constantFrom('low', 'normal', 'high'), { minLength: 6, maxLength: 6 }),
      groups: fc.array(fc.constantFrom('a', 'b', null), { minLength: 6, maxLength: 6 }),
      scores: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 5, maxLength: 5 }),
      kev: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      epss: fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true })), {
        minLength: 5,
        maxLength: 5,
      }),
      findings: fc.array(finding, { maxLength: 25 }),
    });
    await fc.assert(
      fc.asyncProperty(fleet, async (x) => {
        await expectParity(
          makeSnapshot({
            devices: x.values.map((v, i) =>
              makeDevice(`d${i}`, {
                value: v as 'low',
                ...(x.groups[i] !== null && { group: x.groups[i]! }),
              }),
            ),
            weaknesses: x.scores.map((sc, i) =>
              makeWeakness(`W${i}`, sc / 10, {
                kev: x.kev[i]!,
                ...(x.epss[i] !== null && { epss: x.epss[i]! }),
              }),
            ),
            findings: x.findings.map((f) =>
              makeFinding(`d${f.d}`, `W${f.w}`, {
                ...(f.sw > 0 ? { software: { vendor: 'v', product: `p${f.sw}` } } : {}),
                status: f.status as 'open',
                activeAlert: f.alert,
              }),
            ),
          }),
        );
      }),
      { numRuns: 100, seed: 14 },
    );
  }, 120_000);

  it('the demo fleet: every score, level and impact agree', async () => {
    const demo = generateDemoHistory();
    await expectParity(demo.snapshots[demo.snapshots.length - 1]!);
  }, 60_000);
});
