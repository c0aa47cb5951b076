import { describe, expect, it } from 'vitest';
import { TOOLTIP_COMMANDS } from '../src/markdown.js';
import { headline, statusModel } from '../src/status-model.js';
import type { Shown, ViewState } from '../src/view-state.js';
import { makeDocument, makeRecommendation } from './make-document.js';
import { dutch, english, HOSTILE } from './presenters.js';

const loadedAt = new Date('2026-11-01T09:30:00Z');

function shown(
  over: Parameters<typeof makeDocument>[0] = {},
  source: Partial<Shown['source']> = {},
): Shown {
  return {
    document: makeDocument(over),
    source: {
      kind: 'url',
      label: 'https://intranet.example/exposure.json',
      siteBase: 'https://intranet.example/',
      documentPath: null,
      ...source,
    },
    loadedAt,
  };
}

/** The tooltip as it reads once rendered: escapes removed. */
const plain = (markdown: string) => markdown.replace(/\\(.)/g, '$1');

const ready = (s: Shown): ViewState => ({ phase: 'ready', shown: s });

/** Every `](target)` in the Markdown: the only places a click can go. */
function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/(?<!\\)\]\(([^)]*)\)/g)].map((m) => m[1]!);
}

describe('statusModel', () => {
  it('no source: the name only, and a way to choose one', () => {
    const m = statusModel({ phase: 'unconfigured' }, '', english);
    expect(m.text).toBe('$(shield) Exposure');
    expect(m.background).toBeNull();
    expect(plain(m.tooltip)).toContain('No source is configured');
    expect(linkTargets(m.tooltip)).toEqual(['command:exposure.chooseSource']);
    expect(m.command).toBe('exposure.recommendations.focus');
  });

  it('loading without data: a spinner', () => {
    const m = statusModel({ phase: 'loading', source: 'x.json', last: null }, '', english);
    expect(m.text).toBe('$(loading~spin) Exposure');
    expect(plain(m.tooltip)).toContain('Loading…');
    expect(m.background).toBeNull();
  });

  it('loading with data: a spinner next to the last value', () => {
    const m = statusModel({ phase: 'loading', source: 'x.json', last: shown() }, '', english);
    expect(m.text).toBe('$(loading~spin) Exposure 42 · Medium ▲3');
    expect(plain(m.tooltip)).toContain('Refreshing…');
  });

  it.each([
    ['low', 12, 'Low', null],
    ['medium', 42, 'Medium', null],
    ['high', 75, 'High', 'warning'],
  ] as const)('%s level: text and background', (level, display, name, background) => {
    const m = statusModel(
      ready(shown({ display, score: display, level, previous: null })),
      '',
      english,
    );
    expect(m.text).toBe(`$(shield) Exposure ${display} · ${name}`);
    expect(m.background).toBe(background);
  });

  it('shows the change since the previous snapshot both ways, and nothing when equal', () => {
    const up = shown();
    const down = shown({
      previous: { asOf: '2026-10-01T00:00:00Z', score: 47, display: 47, level: 'medium' },
    });
    const same = shown({
      previous: { asOf: '2026-10-01T00:00:00Z', score: 42, display: 42, level: 'medium' },
    });
    expect(statusModel(ready(up), '', english).text).toMatch(/▲3$/);
    expect(statusModel(ready(down), '', english).text).toMatch(/▼5$/);
    expect(statusModel(ready(same), '', english).text).toBe('$(shield) Exposure 42 · Medium');
  });

  it('tooltip: score, as-of, trend, top three recommendations by impact, source', () => {
    const m = statusModel(ready(shown()), '', english);
    expect(plain(m.tooltip)).toContain('Score 42.31 of 100, as of Nov 1, 2026');
    expect(plain(m.tooltip)).toContain('35 → 39 → 42');
    const top = plain(m.tooltip).split('Top recommendations')[1]!;
    expect(top.indexOf('openssl')).toBeLessThan(top.indexOf('firewall'));
    expect(top).toContain('Update openssl — −3.2');
    expect(top).not.toContain('zlib');
    expect(plain(m.tooltip)).toContain('Source: https://intranet.example/exposure.json');
    expect(plain(m.tooltip)).toContain('Change since Oct 1, 2026: ▲3');
  });

  it('stale: warning icon, error background, the reason, and the last good value', () => {
    const m = statusModel(
      { phase: 'error', source: 'x', reason: 'x answered HTTP 500', last: shown() },
      '',
      english,
    );
    expect(m.text).toBe('$(warning) Exposure 42 · Medium ▲3');
    expect(m.background).toBe('error');
    expect(plain(m.tooltip)).toContain('Stale: the source cannot be read: x answered HTTP 500');
    expect(plain(m.tooltip)).toContain('Showing the data loaded at');
  });

  it('error without data: warning icon and the reason', () => {
    const m = statusModel(
      { phase: 'error', source: '/nope', reason: '/nope does not exist', last: null },
      '',
      english,
    );
    expect(m.text).toBe('$(warning) Exposure');
    expect(m.background).toBe('error');
    expect(plain(m.tooltip)).toContain('The source cannot be read: /nope does not exist');
  });

  it('group setting: the group score, said so in the tooltip', () => {
    const m = statusModel(ready(shown()), 'Web', english);
    expect(m.text).toBe('$(shield) Exposure 72 · High');
    expect(m.background).toBe('warning');
    expect(plain(m.tooltip)).toContain('Group Web; the organization: 42 · Medium');
  });

  it('unknown group: the organization, and a note', () => {
    const m = statusModel(ready(shown()), 'Nope', english);
    expect(m.text).toBe('$(shield) Exposure 42 · Medium ▲3');
    expect(plain(m.tooltip)).toContain('No group is named like the exposure.group setting');
    expect(headline(makeDocument(), 'Nope').groupMissing).toBe(true);
  });

  it('reads Dutch in a Dutch VS Code', () => {
    const m = statusModel(ready(shown()), '', dutch);
    expect(m.text).toBe('$(shield) Blootstelling 42 · Gemiddeld ▲3');
    expect(plain(m.tooltip)).toContain('Belangrijkste aanbevelingen');
    expect(plain(m.tooltip)).toContain('−3,2');
    expect(plain(m.tooltip)).toContain('1 nov');
  });

  it.each(HOSTILE)('hostile title %j cannot add links or commands', (hostile) => {
    const doc = {
      organization: hostile,
      recommendations: [makeRecommendation({ id: hostile, title: hostile, exposureImpact: 9 })],
    };
    const m = statusModel(ready(shown(doc, { label: hostile })), '', english);
    for (const target of linkTargets(m.tooltip)) {
      expect(TOOLTIP_COMMANDS.map((c) => `command:${c}`)).toContain(target);
    }
    expect(m.tooltip).not.toMatch(/(?<!\\)<img/);
    expect(m.tooltip).not.toMatch(/(?<!\\)\$\(alert\)/);
  });

  it('stale reasons from the source are escaped too', () => {
    const m = statusModel(
      { phase: 'error', source: 'x', reason: '[x](command:evil)', last: null },
      '',
      english,
    );
    expect(linkTargets(m.tooltip)).toEqual([
      'command:exposure.refresh',
      'command:exposure.chooseSource',
    ]);
  });
});
