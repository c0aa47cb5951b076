import { describe, expect, it } from 'vitest';
import { scoreOnDuckdb } from '../src/duckdb.js';

describe('model.sql on DuckDB', () => {
  it('pairs take their largest r; impacts follow the sole holder (hand-computed)', async () => {
    // a: W1 via two software, r 0.5 (rec A) and 0.2 (rec B) → pair r 0.5; W2 r 1 (rec C, alert).
    // b: W1 r 0.5 (rec A), fixed W2 ignored. c: clean. d: out of scope.
    const res = await scoreOnDuckdb(
      [
        { id: 'a', grp: 'g', value: 'normal', inScope: true },
        { id: 'b', grp: 'g', value: 'low', inScope: true },
        { id: 'c', grp: null, value: 'high', inScope: true },
        { id: 'd', grp: null, value: 'normal', inScope: false },
      ],
      [
        { id: 'W1', severity: 1, likelihood: 0.5 },
        { id: 'W2', severity: 1, likelihood: 0.005 },
        { id: 'W3', severity: 0.2, likelihood: 1 },
      ],
      [
        { device: 'a', weakness: 'W1', rec: 'A', status: 'open', activeAlert: false },
        { device: 'a', weakness: 'W3', rec: 'B', status: 'open', activeAlert: false },
        { device: 'a', weakness: 'W2', rec: 'C', status: 'open', activeAlert: true },
        { device: 'b', weakness: 'W1', rec: 'A', status: 'open', activeAlert: false },
        { device: 'b', weakness: 'W2', rec: 'C', status: 'fixed', activeAlert: false },
        { device: 'd', weakness: 'W1', rec: 'A', status: 'open', activeAlert: false },
      ],
    );
    // a: pairs W1 0.5, W2 1, W3 0.2 → D 100. b: 50. c: 0 (w = 2). Σw = 1 + 0.75 + 2 = 3.75.
    expect(res.devices.get('a')).toEqual({ exposure: 100, pairs: 3 });
    expect(res.devices.get('b')!.exposure).toBeCloseTo(50, 10);
    expect(res.devices.get('c')).toEqual({ exposure: 0, pairs: 0 });
    expect(res.devices.has('d')).toBe(false);
    expect(res.organization).toBeCloseTo((100 + 0.75 * 50) / 3.75, 10);
    // C removes a's r = 1: a → 1 − 0.5·0.8 = 60 → impact 40 / 3.75. A: a stays 100, b 50 → 0.75·50.
    expect(res.impacts.get('C')).toBeCloseTo(40 / 3.75, 10);
    expect(res.impacts.get('A')).toBeCloseTo((0.75 * 50) / 3.75, 10);
    expect(res.impacts.get('B')).toBeCloseTo(0, 10);
  });
});
