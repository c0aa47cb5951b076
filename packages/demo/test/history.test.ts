import { assess, trend, type Snapshot, type Trend } from '@exposure/score';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoHistory, generateDemoInputs } from '../src/index.js';

const DAY = 86_400_000;

describe('generateDemoHistory (default options)', () => {
  let snapshots: Snapshot[];
  let history: Trend;

  beforeAll(() => {
    snapshots = generateDemoHistory().snapshots;
    history = trend(snapshots);
  }, 120_000);

  it('has 90 daily snapshots ending at the default end, about 500 devices', () => {
    expect(snapshots).toHaveLength(90);
    expect(snapshots.at(-1)!.takenAt).toBe('2026-11-01T06:00:00.000Z');
    for (let i = 1; i < snapshots.length; i++)
      expect(snapshots[i]!.time - snapshots[i - 1]!.time).toBe(DAY);
    const last = snapshots.at(-1)!;
    expect(last.devices).toHaveLength(500);
    expect(snapshots[0]!.devices.length).toBeGreaterThan(450);
    expect(snapshots[0]!.devices.length).toBeLessThan(500);
    expect(last.organization).toBe('Contoso');
  });

  it('keeps the organization in the medium band most days', () => {
    const medium = history.points.filter((p) => p.level === 'medium').length;
    expect(medium).toBeGreaterThanOrEqual(70);
  });

  it('has a KEV spike of at least 5 points around day 55', () => {
    const spikes = history.changes.filter((c) => c.delta >= 5);
    const kev = spikes.find(
      (c) => [...c.steps].sort((a, b) => b.delta - a.delta)[0]!.kind === 'kev',
    );
    expect(kev).toBeDefined();
    const day = Math.round((Date.parse(kev!.to) - snapshots[0]!.time) / DAY);
    expect(day).toBeGreaterThanOrEqual(50);
    expect(day).toBeLessThanOrEqual(60);
    expect(kev!.spike).toBe(true);
  });

  it('remediates the spike within about two weeks', () => {
    const kevChange = history.changes.find((c) =>
      c.steps.some((s) => s.kind === 'kev' && s.delta >= 5),
    )!;
    const kevWeakness = kevChange.steps.find((s) => s.kind === 'kev')!.weaknesses[0]!;
    const at = history.points.findIndex((p) => p.asOf === kevChange.to);
    const peak = history.points[at]!.score;
    const later = history.points[at + 14]!.score;
    expect(peak - later).toBeGreaterThanOrEqual(5);
    const exposedThen = assess(snapshots[at]!).weaknesses.find(
      (w) => w.id === kevWeakness.id,
    )!.devices;
    const exposedLater =
      assess(snapshots[at + 14]!).weaknesses.find((w) => w.id === kevWeakness.id)?.devices ?? 0;
    expect(exposedThen).toBeGreaterThan(snapshots[at]!.devices.length / 3);
    expect(exposedLater).toBeLessThan(exposedThen * 0.25);
  });

  it('shows weaknesses published during the history and steady patching', () => {
    expect(
      history.changes.some((c) => c.steps.some((s) => s.kind === 'new-published' && s.delta > 0)),
    ).toBe(true);
    const remediated = history.changes.filter((c) =>
      c.steps.some((s) => s.kind === 'remediated' && s.delta < 0),
    );
    expect(remediated.length).toBeGreaterThan(60);
  });

  it('has devices at every level, mostly low or medium, weighted by value', () => {
    const a = assess(snapshots.at(-1)!);
    expect(a.deviceCounts.byLevel.low).toBeGreaterThan(a.deviceCounts.byLevel.high);
    expect(a.deviceCounts.byLevel.high).toBeGreaterThan(0);
    expect(a.groups.map((g) => g.name).sort()).toEqual([
      'Kubernetes',
      'Lab',
      'Network',
      'Servers EU',
      'Servers US',
      'Workstations',
    ]);
    expect(a.deviceCounts.outOfScope).toBeGreaterThan(0);
    expect(a.recommendations.length).toBeGreaterThan(10);
  });
});

describe('determinism', () => {
  it('gives deep-equal output for the same seed and different output for another', () => {
    const options = { devices: 60, days: 12 };
    const a = generateDemoInputs({ ...options, seed: 5 });
    const b = generateDemoInputs({ ...options, seed: 5 });
    const c = generateDemoInputs({ ...options, seed: 6 });
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(c).not.toEqual(a);
  });

  it('builds the history from the same native objects', () => {
    const options = { devices: 40, days: 5, seed: 11 };
    const inputs = generateDemoInputs(options);
    const history = generateDemoHistory(options);
    expect(history.snapshots).toHaveLength(5);
    inputs.snapshots.forEach((file, i) => {
      const snap = history.snapshots[i]!;
      expect(snap.findings.count).toBe(file.findings.length);
      expect(snap.devices.map((d) => d.id)).toEqual(file.devices.map((d) => d.id));
      expect(snap.weaknesses.map((w) => w.id)).toEqual(file.weaknesses.map((w) => w.id));
    });
  });

  it('honours devices, days, end and organization', () => {
    const { organization, snapshots } = generateDemoInputs({
      devices: 30,
      days: 3,
      end: '2025-01-10T00:00:00Z',
      organization: 'Fabrikam',
    });
    expect(organization).toBe('Fabrikam');
    expect(snapshots.map((s) => s.takenAt)).toEqual([
      '2025-01-08T00:00:00Z',
      '2025-01-09T00:00:00Z',
      '2025-01-10T00:00:00Z',
    ]);
    expect(snapshots.at(-1)!.devices).toHaveLength(30);
    expect(snapshots[0]!.devices.some((d) => d.owner?.endsWith('@fabrikam.com'))).toBe(true);
  });

  it('rejects impossible options', () => {
    expect(() => generateDemoInputs({ days: 0 })).toThrow(RangeError);
    expect(() => generateDemoInputs({ devices: 2.5 })).toThrow(RangeError);
    expect(() => generateDemoInputs({ end: 'yesterday' })).toThrow(RangeError);
  });
});
