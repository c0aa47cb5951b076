import { join } from 'node:path';
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
