import { describe, expect, it } from 'vitest';
import { roundToTotal } from '../../src/render/rounding.js';

describe('roundToTotal', () => {
  it('rounds the steps so they add up to the shown change', () => {
    // The changes.html case: a change of 0.03 shown as 0.0, steps −0.13 and +0.16 (plainly
    // rounded −0.1 and +0.2). In tenths the floors are −2 and 1, one unit short of 0; the larger
    // remainder (0.7 against 0.6) takes it.
    expect(roundToTotal([-0.13, 0.16], 0.03, 1)).toEqual([-0.1, 0.1]);
    // 1.0 split three ways: 0.33 + 0.33 + 0.34 → 0.3 + 0.3 + 0.4.
    expect(roundToTotal([0.33, 0.33, 0.34], 1, 1)).toEqual([0.3, 0.3, 0.4]);
  });

  it('leaves values that already add up as plain rounding would', () => {
    expect(roundToTotal([21.74, -0.84, 0.8], 21.7, 1)).toEqual([21.7, -0.8, 0.8]);
  });

  it('gives a tie to the earlier value and handles a downward total', () => {
    expect(roundToTotal([0.25, 0.25], 0.5, 1)).toEqual([0.3, 0.2]);
    expect(roundToTotal([-0.25, -0.25], -0.5, 1)).toEqual([-0.2, -0.3]);
  });
});

describe('a change on the page', () => {
  it('shows steps that add up to the shown change', async () => {
    const { createContext } = await import('../../src/render/context.js');
    const { changeView } = await import('../../src/render/change-text.js');
    const { makeInput } = await import('./fixture.js');
    const ctx = createContext(makeInput());
    const view = changeView(ctx, '', {
      from: '2026-10-31T00:00:00Z',
      to: '2026-11-01T00:00:00Z',
      delta: 0.03,
      spike: false,
      steps: [
        { kind: 'remediated', delta: -0.13, devices: 2, weaknesses: [] },
        { kind: 'new-published', delta: 0.16, devices: 3, weaknesses: [] },
      ],
    });
    expect(view.steps.map((s) => s.delta)).toEqual([-0.1, 0.1]);
  });
});

describe('an impact on the page', () => {
  it('reads "< 0.01" when too small for two decimals, never "−0.00"', async () => {
    const { renderSite } = await import('../../src/render/index.js');
    const { inputOf, makeParts } = await import('./fixture.js');
    const parts = makeParts();
    // The page shows exposure.json's number (0.004 is published as 0), and says it is not zero.
    const recs = parts.assessment.recommendations.map((r, i) =>
      i === 0 ? { ...r, exposureImpact: 0.004 } : r,
    );
    const files = await renderSite(
      inputOf({ ...parts, assessment: { ...parts.assessment, recommendations: recs } }),
    );
    const page = files.find((f) => f.path === 'recommendations.html')!.content as string;
    expect(page).toContain(
      '<td class="num impact" data-v="0" data-label="Exposure impact">&lt; 0.01</td>',
    );
    expect(page).not.toContain('−0.00');
    // Its own page and its group's page say the same.
    const own = files.find((f) =>
      /^recommendations\/software-tukaani-xz-[0-9a-f]+\.html$/.test(f.path),
    )!;
    expect(own.content).toContain('<dd class="impact">&lt; 0.01</dd>');
    const web = files.find((f) => f.path.startsWith('groups/web'))!;
    expect(web.content).toContain('<td class="num impact">&lt; 0.01</td>');
  });

  it('reads "0.00" for an impact that is zero', async () => {
    const { renderSite } = await import('../../src/render/index.js');
    const { inputOf, makeParts } = await import('./fixture.js');
    const parts = makeParts();
    const recs = parts.assessment.recommendations.map((r, i) =>
      i === 0 ? { ...r, exposureImpact: 0 } : r,
    );
    const files = await renderSite(
      inputOf({ ...parts, assessment: { ...parts.assessment, recommendations: recs } }),
    );
    const page = files.find((f) => f.path === 'recommendations.html')!.content as string;
    expect(page).toContain(
      '<td class="num impact" data-v="0" data-label="Exposure impact">0.00</td>',
    );
  });
});
