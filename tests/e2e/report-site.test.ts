import { existsSync } from 'node:fs';
import { readdir, readFile, readlink, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  exposure,
  htmlFiles,
  readTree,
  scratch,
  visibleText,
  writeJson,
  handSnapshot,
} from './helpers.js';

interface Doc {
  organization: string | null;
  score: number;
  display: number;
  level: string;
  changes: Array<{
    to: string;
    delta: number;
    spike: boolean;
    steps: Array<{ delta: number; weaknesses: Array<{ id: string }> }>;
  }>;
}

let dir: string;
let site: string;
let tree: Map<string, Buffer>;
let doc: Doc;
beforeAll(async () => {
  assertBuilt();
  dir = await scratch('report');
  site = join(dir, 'site');
  const r = await exposure(['report', '--out', site]);
  // The demo fleet has devices that were not seen for a month: the one thing worth a warning.
  expect(r.stderr).toMatch(
    /^exposure: warning: 9 devices out of scope \(not seen in the 30 days before [^)]+\): [^\n]+\n$/,
  );
  expect(r.code).toBe(0);
  tree = await readTree(site);
  doc = JSON.parse(tree.get('exposure.json')!.toString()) as Doc;
});

describe('exposure report on the demo fleet (built CLI)', () => {
  it("writes devices.csv, recommendations.csv and findings.csv with the document's counts", () => {
    const full = JSON.parse(tree.get('exposure.json')!.toString()) as {
      devices: { items: Array<{ id: string }> };
      recommendations: Array<{ id: string }>;
      findings: { open: number };
    };
    const rows = (path: string) =>
      parse(tree.get(path)!.toString('utf8'), { bom: true, columns: true }) as Array<
        Record<string, string>
      >;
    const devices = rows('devices.csv');
    expect(devices.map((d) => d.id).sort()).toEqual(full.devices.items.map((d) => d.id).sort());
    const recs = rows('recommendations.csv');
    expect(recs.map((r) => r.id)).toEqual(full.recommendations.map((r) => r.id));
    const findings = rows('findings.csv');
    expect(findings).toHaveLength(full.findings.open);
    expect(findings.every((f) => /^\d{4}-\d{2}-\d{2}$/.test(f.first_seen!))).toBe(true);
    // Each is linked beside the table it holds in full.
    expect(tree.get('devices/index.html')!.toString()).toContain('href="../devices.csv"');
    expect(tree.get('recommendations.html')!.toString()).toContain('href="recommendations.csv"');
  });

  it('writes index.html, exposure.json and its schema, and nothing beside the folder', async () => {
    expect(tree.has('index.html')).toBe(true);
    expect(tree.has('exposure.json')).toBe(true);
    expect(tree.has('exposure-report-1.schema.json')).toBe(true);
    expect(tree.has('report.pdf')).toBe(false);
    // site is a link to its one version (switched in one rename by the next run).
    expect((await readdir(dir)).sort()).toEqual([await readlink(join(dir, 'site')), 'site']);
  });

  it('index.html shows the score, the level, a chart and explains the spike', () => {
    const html = tree.get('index.html')!.toString();
    const text = visibleText(html);
    expect(text).toMatch(
      new RegExp(`\\b(${doc.score.toFixed(2)}|${doc.score.toFixed(1)}|${doc.display})\\b`),
    );
    expect(text.toLowerCase()).toContain(doc.level);
    expect(html).toMatch(/<svg[\s>]/);
    const spike = doc.changes.find((c) => c.spike);
    expect(spike, 'the demo history has a spike').toBeDefined();
    const main = [...spike!.steps].sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))[0]!;
    // The explanation names the weakness that drove the spike, and the size of the jump.
    expect(text, 'index.html explains the spike in words (docs/model.md, rule 10)').toContain(
      main.weaknesses[0]!.id,
    );
    expect(text).toMatch(
      new RegExp(`[+\\-−]${Math.abs(spike!.delta).toFixed(1).replace('.', '\\.')}`),
    );
  });

  it('every link and resource inside the site resolves to a file that exists', () => {
    const missing: string[] = [];
    for (const [path, html] of htmlFiles(tree)) {
      for (const m of html.matchAll(/\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
        const raw = (m[1] ?? m[2] ?? '').replace(/&amp;/g, '&');
        if (raw === '' || /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(raw)) continue; // external, data: or in-page
        const target = posix.normalize(
          posix.join(posix.dirname(path), decodeURIComponent(raw.split(/[?#]/)[0]!)),
        );
        const file = target.endsWith('/') ? `${target}index.html` : target;
        if (!tree.has(file) && !tree.has(`${file}/index.html`)) missing.push(`${path} → ${raw}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives byte-identical output on a second run', async () => {
    const again = join(dir, 'again');
    const r = await exposure(['report', '--out', again, '--quiet']);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    const second = await readTree(again);
    expect([...second.keys()]).toEqual([...tree.keys()]);
    for (const [path, bytes] of tree) expect(second.get(path)!.equals(bytes), path).toBe(true);
  });

  it('--lang nl writes a Dutch site', async () => {
    const nl = join(dir, 'nl');
    const r = await exposure(['report', '--out', nl, '--lang', 'nl', '--quiet']);
    expect(r.code).toBe(0);
    const text = visibleText(await readFile(join(nl, 'index.html'), 'utf8'));
    expect(text).toMatch(/[Bb]lootstellingsscore/);
    expect(text).toMatch(/\b(hoog|gemiddeld|middel|laag|geen)\b/i);
    // exposure.json is language-neutral: identical to the English run's.
    expect(await readFile(join(nl, 'exposure.json'))).toEqual(tree.get('exposure.json'));
  });
});

describe('a failing run leaves the previous site exactly as it was', () => {
  it('bad input: exit 2, the file named, the old site untouched, no temporary folder left', async () => {
    const work = await scratch('atomic');
    const out = join(work, 'site');
    const good = await writeJson(join(work, 'in', 'good.json'), handSnapshot());
    expect((await exposure(['report', good, '--out', out, '--quiet'])).code).toBe(0);
    const before = await readTree(out);
    const bad = join(work, 'in', 'bad.json');
    await writeFile(
      bad,
      '{"schema": "exposure-snapshot/1", "takenAt": "2026-12-01T00:00:00Z", "devices": [{"id": ',
    );
    const r = await exposure(['report', good, bad, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(bad);
    const after = await readTree(out);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, bytes] of before) expect(after.get(path)!.equals(bytes), path).toBe(true);
    expect((await readdir(work)).sort()).toEqual([await readlink(out), 'in', 'site']);
  });

  it('refuses to replace a folder that is not an Exposure site (exit 2)', async () => {
    const work = await scratch('refuse');
    const out = join(work, 'mine');
    await writeJson(join(out, 'notes.json'), { precious: true });
    const r = await exposure(['report', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to replace/);
    expect(existsSync(join(out, 'notes.json'))).toBe(true);
    expect(existsSync(join(out, 'index.html'))).toBe(false);
    expect((await readdir(work)).sort()).toEqual(['mine']);
  });
});
