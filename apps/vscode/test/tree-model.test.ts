import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, TreeModel, type TreeNode } from '../src/tree-model.js';
import { makeDevice, makeDocument, makeRecommendation, makeWeakness } from './make-document.js';
import { dutch, english, HOSTILE } from './presenters.js';

const labels = (model: TreeModel, nodes: TreeNode[]) => nodes.map((n) => model.item(n).label);

describe('TreeModel: recommendations', () => {
  const model = new TreeModel(makeDocument(), english, 'https://intranet.example/');
  const roots = model.roots('recommendations');

  it('sorts by exposure impact, ties by id', () => {
    expect(labels(model, roots)).toEqual([
      'Update openssl',
      'Turn on the firewall',
      'Update acme small',
      'Update zlib',
    ]);
  });

  it('describes impact and exposed devices; marks known-exploited with its own icon', () => {
    const top = model.item(roots[0]!);
    expect(top.description).toBe('−3.2');
    expect(top.icon).toEqual({ id: 'flame', color: 'charts.red' });
    expect(top.contextValue).toBe('recommendation site');
    expect(top.collapsible).toBe('collapsed');
    expect(model.item(roots[1]!).icon).toEqual({ id: 'circle-filled', color: 'charts.yellow' });
    expect(model.item(roots[2]!).description).toBe('−0.4');
  });

  it('has weakness and device group nodes with counts', () => {
    const groups = model.children(roots[0]!);
    expect(groups.map((g) => [model.item(g).label, model.item(g).description])).toEqual([
      ['Weaknesses', '2'],
      ['Exposed devices', '2'],
    ]);
    const weaknesses = model.children(groups[0]!);
    expect(labels(model, weaknesses)).toEqual(['CVE-2026-0001', 'CVE-2026-0002']);
    expect(model.item(weaknesses[0]!).description).toBe('CVSS 9.8 · KEV');
    expect(model.item(weaknesses[0]!).contextValue).toBe('weakness advisory');
    expect(model.item(weaknesses[1]!).description).toBe('CVSS 7.5');
    const devices = model.children(groups[1]!);
    expect(labels(model, devices)).toEqual(['web-01', 'web-02']);
    expect(model.item(devices[0]!).description).toBe('81 · High');
    expect(model.children(devices[0]!)).toEqual([]);
  });

  it('gives every item a unique id across the tree', () => {
    const ids = new Set<string>();
    const walk = (nodes: TreeNode[]) => {
      for (const n of nodes) {
        const id = model.item(n).id;
        expect(ids.has(id)).toBe(false);
        ids.add(id);
        walk(model.children(n));
      }
    };
    walk(roots);
    walk(model.roots('devices'));
    expect(ids.size).toBeGreaterThan(15);
  });

  it('offers no advisory for weaknesses whose references are not web pages', () => {
    const small = model.children(model.children(roots[2]!)[0]!)[0]!;
    expect(model.item(small).contextValue).toBe('weakness');
    const config = model.children(model.children(roots[1]!)[0]!)[0]!;
    expect(model.item(config).icon?.id).toBe('settings-gear');
  });

  it('offers "open in report" only when the source is a site', () => {
    const local = new TreeModel(makeDocument(), english, null);
    expect(local.item(local.roots('recommendations')[0]!).contextValue).toBe('recommendation');
  });

  it('has no children for a recommendation without weaknesses or devices', () => {
    expect(model.item(roots[3]!).collapsible).toBe('none');
    expect(model.children(roots[3]!)).toEqual([]);
  });
});

describe('TreeModel: devices', () => {
  const model = new TreeModel(makeDocument(), english, null);

  it('groups by exposure level, highest first, with counts', () => {
    const roots = model.roots('devices');
    expect(roots.map((n) => [model.item(n).label, model.item(n).description])).toEqual([
      ['High', '1'],
      ['Medium', '1'],
      ['Low', '1'],
      ['None', '1'],
    ]);
    const none = model.children(roots[3]!);
    expect(model.item(none[0]!).description).toBe('0');
    expect(model.item(model.children(roots[0]!)[0]!).description).toBe('81');
  });

  it('leaves out empty levels and sorts devices by score', () => {
    const doc = makeDocument({
      devices: {
        total: 3,
        outOfScope: 0,
        outOfScopeItems: [],
        byLevel: { none: 0, low: 0, medium: 0, high: 3 },
        items: [
          makeDevice({ id: 'a', name: 'a', score: 71, display: 71, level: 'high' }),
          makeDevice({ id: 'b', name: 'b', score: 99, display: 99, level: 'high' }),
          makeDevice({ id: 'c', name: 'c', score: 71, display: 71, level: 'high' }),
        ],
      },
    });
    const m = new TreeModel(doc, english, null);
    const roots = m.roots('devices');
    expect(labels(m, roots)).toEqual(['High']);
    expect(labels(m, m.children(roots[0]!))).toEqual(['b', 'a', 'c']);
  });

  it('speaks Dutch', () => {
    const m = new TreeModel(makeDocument(), dutch, null);
    expect(labels(m, m.roots('devices'))).toEqual(['Hoog', 'Gemiddeld', 'Laag', 'Geen']);
    expect(m.item(m.roots('recommendations')[0]!).description).toBe('−3,2');
  });
});

describe('TreeModel: large lists load lazily', () => {
  const n = PAGE_SIZE * 2 + 17;
  const devices = Array.from({ length: n }, (_, i) =>
    makeDevice({ id: `d${i}`, name: `host-${String(i).padStart(4, '0')}`, score: 50, display: 50 }),
  );
  const doc = makeDocument({
    devices: {
      total: n,
      outOfScope: 0,
      outOfScopeItems: [],
      byLevel: { none: 0, low: 0, medium: n, high: 0 },
      items: devices,
    },
    recommendations: Array.from({ length: n }, (_, i) =>
      makeRecommendation({
        id: `r${String(i).padStart(4, '0')}`,
        exposureImpact: 1,
        devices: devices.map((d) => d.id),
      }),
    ),
  });

  it('shows one page, then a "show more" node that loads the next', () => {
    const model = new TreeModel(doc, english, null);
    let roots = model.roots('recommendations');
    expect(roots).toHaveLength(PAGE_SIZE + 1);
    const more = roots[PAGE_SIZE]!;
    expect(more.kind).toBe('more');
    const item = model.item(more);
    expect(item.label).toBe(`Show more (${n - PAGE_SIZE} left)`);
    expect(item.command).toEqual({
      command: 'exposure.showMore',
      title: 'Show more',
      arguments: ['recommendations'],
    });
    model.showMore('recommendations');
    roots = model.roots('recommendations');
    expect(roots).toHaveLength(PAGE_SIZE * 2 + 1);
    model.showMore('recommendations');
    expect(model.roots('recommendations')).toHaveLength(n);
  });

  it('pages the children of a node independently', () => {
    const model = new TreeModel(doc, english, null);
    const devicesNode = model
      .children(model.roots('recommendations')[0]!)
      .find((c) => c.kind === 'exposed-devices')!;
    const page = model.children(devicesNode);
    expect(page).toHaveLength(PAGE_SIZE + 1);
    model.showMore(devicesNode.key);
    expect(model.children(devicesNode)).toHaveLength(PAGE_SIZE * 2 + 1);
    expect(model.roots('recommendations')).toHaveLength(PAGE_SIZE + 1);
    const level = model.roots('devices')[0]!;
    expect(model.children(level)).toHaveLength(PAGE_SIZE + 1);
  });
});

describe('TreeModel: hostile strings', () => {
  it.each(HOSTILE)('keeps %j as plain label text and escapes it in tooltips', (hostile) => {
    const doc = makeDocument({
      recommendations: [
        makeRecommendation({ id: hostile, title: hostile, weaknesses: [hostile], devices: ['d1'] }),
      ],
      weaknesses: [
        makeWeakness({
          id: hostile,
          title: hostile,
          references: [hostile, 'command:workbench.action.terminal.new'],
        }),
      ],
      devices: {
        total: 1,
        outOfScope: 0,
        outOfScopeItems: [],
        byLevel: { none: 0, low: 0, medium: 1, high: 0 },
        items: [makeDevice({ id: 'd1', name: hostile, os: hostile, group: hostile })],
      },
    });
    const model = new TreeModel(doc, english, null);
    const rec = model.roots('recommendations')[0]!;
    const [weaknesses, devices] = model.children(rec);
    const items = [rec, model.children(weaknesses!)[0]!, model.children(devices!)[0]!].map((n) =>
      model.item(n),
    );
    expect(items[0]!.label).toBe(hostile);
    expect(items[2]!.label).toBe(hostile);
    expect(items[1]!.contextValue).toBe('weakness');
    for (const item of items) {
      // No unescaped link, image or HTML can survive in the Markdown tooltip.
      expect(item.tooltip).not.toMatch(/(?<!\\)\]\(/);
      expect(item.tooltip).not.toMatch(/(?<!\\)</);
    }
  });
});

describe('TreeModel: a fix per platform', () => {
  it('lists each platform’s version when one version does not fit every platform', () => {
    const rec = makeRecommendation({ id: 'software/linux/kernel', devices: ['d1'] });
    const doc = makeDocument({
      recommendations: [
        {
          ...rec,
          kind: 'software',
          targetVersion: null,
          targets: [
            { os: 'RHEL 9', family: 'RHEL', osVersion: '9', version: '5.14.0-570', devices: 3 },
            {
              os: 'Ubuntu 24.04',
              family: 'Ubuntu',
              osVersion: '24.04',
              version: '6.8.0-60',
              devices: 2,
            },
            { os: null, family: null, osVersion: null, version: null, devices: 1 },
          ],
        },
      ],
    });
    const tooltip = (p: typeof english) => {
      const model = new TreeModel(doc, p, null);
      return String(model.item(model.roots('recommendations')[0]!).tooltip);
    };
    expect(tooltip(english)).toContain('RHEL 9\\: update to 5\\.14\\.0\\-570');
    expect(tooltip(english)).toContain('Ubuntu 24\\.04\\: update to 6\\.8\\.0\\-60');
    expect(tooltip(english)).not.toContain('No fix available');
    expect(tooltip(dutch)).toContain('RHEL 9\\: bijwerken naar 5\\.14\\.0\\-570');
  });
});
