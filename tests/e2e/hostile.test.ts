import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  exposure,
  handSnapshot,
  htmlFiles,
  readTree,
  scratch,
  visibleText,
  writeJson,
} from './helpers.js';

const DEVICE = '<script>alert(1)</script>';
const TITLE = '"><img src=x onerror=alert(1)>';
const ORG = 'Evil & <b>Co</b>';

let tree: Map<string, Buffer>;
beforeAll(async () => {
  assertBuilt();
  const dir = await scratch('hostile');
  const input = await writeJson(
    join(dir, 'hostile.json'),
    handSnapshot({ deviceName: DEVICE, title: TITLE, organization: ORG }),
  );
  const r = await exposure(['report', input, '--out', join(dir, 'site'), '--quiet']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  tree = await readTree(join(dir, 'site'));
});

describe('hostile strings in the inputs (built CLI)', () => {
  it('come out escaped in every HTML file', () => {
    const pages = htmlFiles(tree);
    expect(pages.length).toBeGreaterThan(0);
    for (const [path, html] of pages) {
      expect(html, path).not.toContain(DEVICE);
      expect(html, path).not.toContain('<img src=x');
      expect(html, path).not.toContain('onerror=alert');
      expect(html, path).not.toContain('<b>Co</b>');
    }
    // …yet a reader sees them as written: escaped, not dropped.
    const shown = pages.map(([, html]) => visibleText(html)).join('\n');
    expect(shown).toContain(DEVICE);
    expect(shown).toContain(TITLE);
    expect(shown).toContain(ORG);
  });

  it('are inert in the search index and the script, yet findable as written', () => {
    // The index is data written as \u003c…: no markup, wherever its text ends up. The script
    // is code (it has its < and =>), but the names in its data are escaped the same way.
    expect(tree.get('search-index.js')!.toString()).not.toMatch(/[<>]/);
    const script = tree.get('assets/report.js')!.toString();
    for (const raw of ['<script', '<img', '<b>', 'onerror=alert'])
      expect(script).not.toContain(raw);
    const window: { EXPOSURE_SEARCH_INDEX?: { d: Array<[string]>; r: Array<[string]> } } = {};
    runInNewContext(tree.get('search-index.js')!.toString(), { window });
    expect(window.EXPOSURE_SEARCH_INDEX!.d.map((d) => d[0])).toContain(DEVICE);
  });

  it('are plain JSON strings in exposure.json', () => {
    const doc = JSON.parse(tree.get('exposure.json')!.toString()) as {
      organization: string;
      devices: { items: Array<{ name: string }> };
      weaknesses: Array<{ id: string; title: string }>;
    };
    expect(doc.organization).toBe(ORG);
    expect(doc.devices.items.map((d) => d.name)).toContain(DEVICE);
    expect(doc.weaknesses.find((w) => w.id === 'CVE-2026-0001')?.title).toBe(TITLE);
  });
});
