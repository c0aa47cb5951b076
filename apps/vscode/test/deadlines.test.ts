import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '@exposure/score';
import { statusModel } from '../src/status-model.js';
import { TreeModel } from '../src/tree-model.js';
import { makeDocument } from './make-document.js';
import { dutch, english } from './presenters.js';

/** The demo document with deadlines for its first recommendation and accepted findings. */
function withDeadlines(recommendation: string): ReportDocument {
  const base = makeDocument();
  return {
    ...base,
    scoreWithoutExceptions: 51.23,
    exceptions: { rules: [], findings: 3, devices: 2, weaknesses: [], expired: 0 },
    deadlines: {
      policy: { critical: 7, high: 30, medium: 90, low: 180 },
      asOf: '2026-11-01',
      overdue: 5,
      dueSoon: 2,
      onTime: 9,
      withoutDeadline: 0,
      byRecommendation: [{ id: recommendation, overdue: 5, dueSoon: 1, onTime: 0 }],
      byGroup: [],
      oldestKev: null,
      overduePairs: [],
      newKev: null,
    },
  };
}

const plain = (markdown: string) => markdown.replace(/\\(.)/g, '$1');

describe('deadlines in the editor', () => {
  const first = new TreeModel(makeDocument(), english, null).roots('recommendations')[0]!;
  const id = (first as { id: string }).id;

  it('marks an overdue recommendation in the tree, the count beside its impact', () => {
    const model = new TreeModel(withDeadlines(id), english, null);
    const [top, next] = model.roots('recommendations').map((n) => model.item(n));
    expect(top!.description).toBe('−3.2 · 5 overdue');
    expect(plain(top!.tooltip!)).toContain('$(clock) 5 overdue, 1 due within 7 days');
    // One without overdue pairs keeps its plain description.
    expect(next!.description).not.toContain('overdue');
  });

  it('a document without deadlines (written before them) shows no mark', () => {
    const model = new TreeModel(makeDocument(), english, null);
    expect(model.item(model.roots('recommendations')[0]!).description).toBe('−3.2');
  });

  it('the status bar tooltip counts overdue pairs and names the score without exceptions', () => {
    const shown = {
      document: withDeadlines(id),
      source: { kind: 'url' as const, label: 'x', siteBase: null, documentPath: null },
      loadedAt: new Date('2026-11-01T09:30:00Z'),
    };
    const m = statusModel({ phase: 'ready', shown }, '', english);
    expect(plain(m.tooltip)).toContain('Deadlines: 5 overdue, 2 due within 7 days, 9 on time');
    expect(plain(m.tooltip)).toContain(
      '3 findings accepted as exceptions; without them the score would be 51.23',
    );
    const nl = statusModel({ phase: 'ready', shown }, '', dutch);
    expect(plain(nl.tooltip)).toContain('Termijnen: 5 over tijd');
  });
});
