import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  assess,
  changeBetweenSnapshots,
  toReportDocument,
  trend,
  type FindingInput,
  type Snapshot,
  type WeaknessInput,
} from '../src/index.js';
import { makeDevice, makeSnapshot } from './builders.js';

const DEVICES = ['d0', 'd1', 'd2', 'd3', 'd4'];
const SOFTWARE = [
  undefined,
  { vendor: 'acme', product: 'app' },
  { vendor: 'ACME', product: 'App' },
  { vendor: 'oss', product: 'lib' },
];

const weaknessArb = (id: string): fc.Arbitrary<WeaknessInput> =>
  fc.record({
    id: fc.constant(id),
    kind: fc.constantFrom(
      'vulnerability' as const,
      'vulnerability' as const,
      'configuration' as const,
    ),
    cvss: fc.option(
      fc.record({
        version: fc.constant('3.1' as const),
        score: fc.integer({ min: 0, max: 100 }).map((x) => x / 10),
      }),
      { nil: undefined },
    ),
    severity: fc.constantFrom(
      'critical' as const,
      'high' as const,
      'medium' as const,
      'low' as const,
      'none' as const,
    ),
    kev: fc.boolean(),
    exploit: fc.constantFrom('none' as const, 'poc' as const, 'weaponized' as const),
    epss: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  });

const findingArb: fc.Arbitrary<FindingInput> = fc
  .record({
    device: fc.constantFrom(...DEVICES),
    weakness: fc.constantFrom('W0', 'W1', 'W2', 'W3'),
    software: fc.constantFrom(...SOFTWARE),
    fixedVersion: fc.constantFrom(undefined, '1.2', '1.10'),
    status: fc.constantFrom(
      'open' as const,
      'open' as const,
      'open' as const,
      'fixed' as const,
      'not_affected' as const,
      'exception' as const,
    ),
    activeAlert: fc.boolean(),
  })
  .map(
    (f) =>
      Object.fromEntries(
        Object.entries(f).filter(([, v]) => v !== undefined),
      ) as unknown as FindingInput,
  );

const worldArb = fc.record({
  values: fc.array(fc.constantFrom('low' as const, 'normal' as const, 'high' as const), {
    minLength: 5,
    maxLength: 5,
  }),
  weaknesses: fc.tuple(weaknessArb('W0'), weaknessArb('W1'), weaknessArb('W2'), weaknessArb('W3')),
  findings: fc.array(findingArb, { maxLength: 14 }),
});
type World = {
  values: ('low' | 'normal' | 'high')[];
  weaknesses: WeaknessInput[];
  findings: FindingInput[];
};

function snapshotOf(w: World, takenAt?: string): Snapshot {
  return makeSnapshot({
    ...(takenAt && { takenAt }),
    devices: DEVICES.map((id, i) => makeDevice(id, { value: w.values[i]! })),
    weaknesses: [...w.weaknesses],
    findings: w.findings,
  });
}

describe('laws of the model', () => {
  it('every score lies in [0, 100]', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const a = assess(snapshotOf(w));
        for (const s of [
          a.score,
          ...a.devices.map((d) => d.score),
          ...a.groups.map((g) => g.score),
          ...a.plan.map((p) => p.score),
        ]) {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  it('removing any finding never raises a score', () => {
    fc.assert(
      fc.property(worldArb, fc.nat(), (w, k) => {
        fc.pre(w.findings.length > 0);
        const i = k % w.findings.length;
        const before = assess(snapshotOf(w));
        const after = assess(snapshotOf({ ...w, findings: w.findings.filter((_, j) => j !== i) }));
        expect(after.score).toBeLessThanOrEqual(before.score + 1e-9);
        for (const d of after.devices)
          expect(d.score).toBeLessThanOrEqual(
            before.devices.find((x) => x.id === d.id)!.score + 1e-9,
          );
      }),
    );
  });

  it('every impact is ≥ 0 and equals the rescored difference', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const s = snapshotOf(w);
        const a = assess(s);
        for (const r of a.recommendations) {
          expect(r.exposureImpact).toBeGreaterThanOrEqual(0);
          // Rescore without every finding of the recommendation.
          const rest = w.findings.filter((f) => {
            const open = (f.status ?? 'open') === 'open';
            if (!open) return true;
            const weakness = w.weaknesses.find((x) => x.id === f.weakness)!;
            const id =
              weakness.kind === 'configuration'
                ? `configuration/${f.weakness}`
                : f.software
                  ? `software/${f.software.vendor!.toLowerCase()}/${f.software.product.toLowerCase()}`
                  : `weakness/${f.weakness}`;
            return id !== r.id;
          });
          const rescored = assess(snapshotOf({ ...w, findings: rest })).score;
          expect(r.exposureImpact).toBeCloseTo(a.score - rescored, 9);
        }
      }),
    );
  });

  it('attribution steps sum to the change', () => {
    fc.assert(
      fc.property(worldArb, worldArb, (w1, w2) => {
        const t = trend([
          snapshotOf(w1, '2026-10-01T00:00:00Z'),
          snapshotOf(w2, '2026-10-02T00:00:00Z'),
        ]);
        const c = t.changes[0]!;
        expect(c.delta).toBeCloseTo(t.points[1]!.score - t.points[0]!.score, 12);
        expect(c.steps.reduce((a, s) => a + s.delta, 0)).toBeCloseTo(c.delta, 9);
        const doc = toReportDocument({
          assessment: assess(snapshotOf(w2)),
          trend: t,
          inputs: { digest: 'x', files: [] },
        });
        const published = doc.changes[0]!;
        expect(published.steps.reduce((a, s) => a + Math.round(s.delta * 100), 0)).toBe(
          Math.round(published.delta * 100),
        );
      }),
    );
  });

  it("a group's change is the same alone as after the organization's (the walks share caches)", () => {
    const GROUPS = ['A', 'B', undefined];
    const grouped = (w: World, takenAt: string, groups: number[]) =>
      makeSnapshot({
        takenAt,
        devices: DEVICES.map((id, i) => {
          const group = GROUPS[groups[i]! % GROUPS.length];
          return makeDevice(id, { value: w.values[i]!, ...(group && { group }) });
        }),
        weaknesses: [...w.weaknesses],
        findings: w.findings,
      });
    const groupsArb = fc.array(fc.nat(2), { minLength: 5, maxLength: 5 });
    fc.assert(
      fc.property(worldArb, worldArb, groupsArb, groupsArb, (w1, w2, g1, g2) => {
        const day1 = '2026-10-01T00:00:00Z';
        const day2 = '2026-10-02T00:00:00Z';
        const [from, to] = [grouped(w1, day1, g1), grouped(w2, day2, g2)];
        // One pair of states walked for the organization and then each group, as a daily run does.
        changeBetweenSnapshots(from, to);
        for (const group of ['A', 'B']) {
          const shared = changeBetweenSnapshots(from, to, { group });
          const alone = changeBetweenSnapshots(grouped(w1, day1, g1), grouped(w2, day2, g2), {
            group,
          });
          expect(shared).toEqual(alone);
        }
      }),
    );
  });

  it('gives identical output for the same findings in any order', () => {
    fc.assert(
      fc.property(worldArb, fc.array(fc.nat()), (w, keys) => {
        const shuffled = w.findings
          .map((f, i) => ({ f, k: keys[i] ?? i }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.f);
        const doc = (findings: FindingInput[]) => {
          const s = snapshotOf({ ...w, findings });
          return JSON.stringify(
            toReportDocument({
              assessment: assess(s),
              trend: trend([s]),
              inputs: { digest: 'x', files: [] },
            }),
          );
        };
        expect(doc(shuffled)).toBe(doc(w.findings));
      }),
    );
  });
});
