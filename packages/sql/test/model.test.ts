import { describe, expect, it } from 'vitest';
import { makeDevice, makeFinding, makeSnapshot, makeWeakness } from '../../score/test/builders.js';
import { CONSTANTS, DIALECTS, MODEL_SOURCE, modelSql, scoreSnapshot } from '../src/duckdb.js';

describe('model.sql on DuckDB', () => {
  it('pairs take their largest r; impacts follow the sole holder (hand-computed)', async () => {
    // a: W1 via two software, r 0.5 (p1) and 0.2 (p2) → pair r 0.5; W2 r 1 (alert, no software).
    // b: W1 r 0.5 (p1), fixed W2 ignored. c: clean, high. d: out of scope (seen 40 days before).
    const res = await scoreSnapshot(
      makeSnapshot({
        devices: [
          makeDevice('a', { group: 'g' }),
          makeDevice('b', { group: 'g', value: 'low' }),
          makeDevice('c', { value: 'high' }),
          makeDevice('d', { lastSeen: '2026-09-22T00:00:00Z' }),
        ],
        weaknesses: [
          makeWeakness('W1', 10, { kev: true }),
          makeWeakness('W2', 10),
          makeWeakness('W3', 2, { kev: true }),
        ],
        findings: [
          makeFinding('a', 'W1', { software: { vendor: 'V', product: 'P1' } }),
          makeFinding('a', 'W3', { software: { vendor: 'V', product: 'P2' } }),
          makeFinding('a', 'W2', { activeAlert: true }),
          makeFinding('b', 'W1', { software: { vendor: 'V', product: 'P1' } }),
          makeFinding('b', 'W2', { status: 'fixed' }),
          makeFinding('d', 'W1', { software: { vendor: 'V', product: 'P1' } }),
        ],
      }),
    );
    // a: pairs W1 0.5, W2 1, W3 0.1 → D 100. b: 50. c: 0 (w = 2). Σw = 1 + 0.75 + 2 = 3.75.
    expect(res.devices.get('a')).toEqual({ score: 100, openWeaknesses: 3, level: 'high' });
    expect(res.devices.get('b')!.score).toBeCloseTo(50, 10);
    expect(res.devices.get('b')!.level).toBe('medium');
    expect(res.devices.get('c')).toEqual({ score: 0, openWeaknesses: 0, level: 'none' });
    expect(res.devices.has('d')).toBe(false);
    expect(res.byLevel).toEqual({ none: 1, low: 0, medium: 1, high: 1 });
    expect(res.score).toBeCloseTo((100 + 0.75 * 50) / 3.75, 10);
    expect(res.level).toBe('medium');
    // Group g: a 100 (w 1), b 50 (w 0.75); the group of none: c alone (0).
    expect(res.groups.get('g')!.score).toBeCloseTo((100 + 0.75 * 50) / 1.75, 10);
    expect(res.groups.get('g')!.byLevel).toEqual({ none: 0, low: 0, medium: 1, high: 1 });
    expect(res.groups.get(null)).toMatchObject({ score: 0, level: 'low', devices: 1 });
    // W2 (alert) removes a's r = 1: a → 1 − 0.5·0.9 = 55 → impact 45 / 3.75. p1: a stays 100,
    // b 50 → 0.75·50 / 3.75. p2: a stays 100.
    expect(res.impacts.get('weakness/W2')).toBeCloseTo(45 / 3.75, 10);
    expect(res.impacts.get('software/v/p1')).toBeCloseTo((0.75 * 50) / 3.75, 10);
    expect(res.impacts.get('software/v/p2')).toBeCloseTo(0, 10);
  });

  it('a high-value device weighs N / 10 over its own group in the group score', async () => {
    // 30 devices in group g (one high: w = 3 in g, and 3 in the organization of 30 as well);
    // then 10 more outside g: the organization weight becomes 4, the group weight stays 3.
    const devices = Array.from({ length: 40 }, (_, i) =>
      makeDevice(`d${i}`, { ...(i < 30 && { group: 'g' }), ...(i === 0 && { value: 'high' }) }),
    );
    const res = await scoreSnapshot(
      makeSnapshot({
        devices,
        weaknesses: [makeWeakness('W', 10, { kev: true })],
        findings: [makeFinding('d0', 'W')],
      }),
    );
    expect(res.score).toBeCloseTo((4 * 50) / (4 + 39), 10);
    expect(res.groups.get('g')!.score).toBeCloseTo((3 * 50) / (3 + 29), 10);
  });

  it('every placeholder is filled in every dialect, and constants come from model.ts', () => {
    for (const d of DIALECTS) expect(modelSql(d)).not.toMatch(/\{\{/);
    expect(MODEL_SOURCE).toContain('{{LIKELIHOOD_KEV}}');
    expect(modelSql('duckdb')).toContain(
      `CAST(${CONSTANTS.LIKELIHOOD_KEV!.toPrecision(17)} AS DOUBLE)`,
    );
    expect(modelSql('clickhouse')).toContain('AS Float64)');
  });
});
