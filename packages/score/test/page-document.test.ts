import { describe, expect, it } from 'vitest';
import {
  evaluate,
  pageDetails,
  threatCounts,
  toPageDocument,
  type Observation,
} from '../src/index.js';
import { makeDevice, makeFinding, makeSnapshot, makeWeakness } from './builders.js';
import { carry, INPUTS } from './evaluations.js';

const DAY1 = Date.parse('2026-11-01T10:00:00Z');
const DAY2 = Date.parse('2026-11-02T10:00:00Z');

/** S = 1 and KEV: r = 0.5. */
const KEV = makeWeakness('CVE-K', 10, { kev: true, description: 'Remote <b>code</b> execution' });
/** S = 0.8, EPSS 0.2. */
const LOW = makeWeakness('CVE-L', 8, { epss: 0.2 });
/** S = 0.8, nothing known: r = 0.004, D = 0.4. */
const TINY = makeWeakness('CVE-T', 8);

/** The fleet at one time; db's findings carry an active alert unless `quiet`. */
function observation(
  time: number,
  findings: Array<[string, string]>,
  { clean = 0, quiet = false } = {},
): Observation {
  const devices = [
    makeDevice('web', { owner: 'Ops', tags: ['prod'], value: 'high', group: 'Web' }),
    makeDevice('db'),
    ...Array.from({ length: clean }, (_, i) => makeDevice(`clean-${String(i).padStart(3, '0')}`)),
  ];
  return {
    source: `scan-${time}.json`,
    format: 'exposure-snapshot',
    time,
    timeSource: 'file',
    coverage: 'full',
    snapshot: makeSnapshot({
      takenAt: new Date(time).toISOString(),
      devices,
      weaknesses: [KEV, LOW, TINY],
      findings: findings.map(([d, w]) => makeFinding(d, w, { activeAlert: d === 'db' && !quiet })),
    }),
  };
}

describe('toPageDocument', () => {
  const first = evaluate({
    observations: [observation(DAY1, [['web', 'CVE-K']])],
    keepHistory: true,
    inputs: INPUTS,
  });
  const second = evaluate({
    observations: [
      observation(DAY2, [
        ['web', 'CVE-K'],
        ['web', 'CVE-L'],
        ['db', 'CVE-K'],
      ]),
    ],
    history: carry(first),
    keepHistory: true,
    inputs: INPUTS,
  });
  const page = toPageDocument(second.document, second.details());

  it('is exposure.json with the page details joined in, in the document’s own orders', () => {
    const doc = second.document;
    expect(page.devices.items.map((d) => d.id)).toEqual(doc.devices.items.map((d) => d.id));
    for (const [i, d] of page.devices.items.entries()) {
      // Every published field is the document's, to the bit: pages cannot show other numbers.
      expect(d).toMatchObject(doc.devices.items[i]!);
    }
    const web = page.devices.items.find((d) => d.id === 'web')!;
    expect([web.owner, web.tags, web.weight]).toEqual(['Ops', ['prod'], 2]);
    expect(page.devices.items.find((d) => d.id === 'db')!.owner).toBeNull();
    expect(page.weaknesses.map((w) => w.id)).toEqual(doc.weaknesses.map((w) => w.id));
    const kev = page.weaknesses.find((w) => w.id === 'CVE-K')!;
    expect(kev).toMatchObject(doc.weaknesses.find((w) => w.id === 'CVE-K')!);
    expect([kev.description, kev.activeAlerts]).toEqual(['Remote <b>code</b> execution', 1]);
    expect(page.recommendations.map((r) => r.id)).toEqual(doc.recommendations.map((r) => r.id));
    expect(page.score).toBe(doc.score);
    expect(page.trend).toBe(doc.trend);
  });

  it('counts the threat summary once, as score counts it', () => {
    expect(page.threats).toEqual(threatCounts(second.assessment.weaknesses));
    expect(page.threats).toMatchObject({ weaknesses: 2, kev: 1, activeAlerts: 1, maxEpss: 0.2 });
  });

  it('gives each device’s findings riskiest first, with the day each pair was first seen', () => {
    const web = page.deviceFindings.of('web');
    expect(web.map((f) => [f.weakness, f.firstSeen])).toEqual([
      ['CVE-K', '2026-11-01'],
      ['CVE-L', '2026-11-02'],
    ]);
    expect(web[0]!.risk).toBeGreaterThan(web[1]!.risk);
    expect(page.deviceFindings.of('db').map((f) => [f.weakness, f.activeAlert])).toEqual([
      ['CVE-K', true],
    ]);
    expect(page.deviceFindings.of('nobody')).toEqual([]);
  });

  it('marks an impact that exposure.json rounds to 0 but is not zero', () => {
    // One low-risk pair among 101 devices: fixing it lowers E by less than 0.005.
    const e = evaluate({
      observations: [observation(DAY1, [['db', 'CVE-T']], { clean: 99, quiet: true })],
      inputs: INPUTS,
    });
    const low = toPageDocument(e.document, e.details()).recommendations[0]!;
    const exact = e.assessment.recommendations[0]!.exposureImpact;
    expect(exact > 0 && exact < 0.005).toBe(true);
    expect([low.exposureImpact, low.impactBelowRounding]).toEqual([0, true]);
    expect(page.recommendations.every((r) => !r.impactBelowRounding)).toBe(true);
  });

  it('refuses a document whose devices have no details (a bug, never bad input)', () => {
    const details = pageDetails({ ...second.assessment, devices: [] }, { of: () => [] });
    expect(() => toPageDocument(second.document, details)).toThrow(
      /no page details for device .* \(a bug in Exposure\)/,
    );
  });
});
