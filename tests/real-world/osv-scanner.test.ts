/**
 * The OSV-Scanner importer on every real report in ../shared/fixtures/osv-scanner: one
 * finding per group and one device per source, counted from the raw JSON here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeFixtures, fixtureDir, fixtureFiles } from './fixtures.js';
import {
  createContext,
  grypeImporter,
  npmAuditImporter,
  openSource,
  osvScannerImporter,
  trivyImporter,
} from '@exposure/ingest';

const DIR = fixtureDir('osv-scanner');
const files = fixtureFiles(DIR, /./).filter((f) => f.endsWith('.json'));

type Raw = Record<string, unknown>;
const list = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);

describeFixtures('OSV-Scanner real-world reports', DIR, () => {
  it.each(files)('%s', async (name) => {
    const path = join(DIR, name);
    const doc = JSON.parse(readFileSync(path, 'utf8')) as Raw;
    const source = await openSource(path, name);
    expect(osvScannerImporter.detect(source.head)).toBe(true);
    for (const other of [trivyImporter, grypeImporter, npmAuditImporter])
      expect(other.detect(source.head)).toBe(false);

    const ctx = await createContext(source);
    await osvScannerImporter.import(ctx);
    expect(ctx.builder.takenAt).toBeUndefined();
    ctx.builder.takenAt = '2026-01-01T00:00:00Z';
    const snap = ctx.builder.build();

    const results = list(doc.results);
    const packages = results.flatMap((r) => list(r.packages));
    // These reports all carry groups[] covering every record: one finding per group.
    for (const p of packages) {
      const grouped = new Set(list(p.groups).flatMap((g) => g.ids as string[]));
      for (const v of list(p.vulnerabilities)) expect(grouped.has(String(v.id))).toBe(true);
    }
    expect(snap.findings.count).toBe(packages.reduce((n, p) => n + list(p.groups).length, 0));
    expect(snap.findings.count).toBeLessThanOrEqual(
      packages.reduce((n, p) => n + list(p.vulnerabilities).length, 0),
    );
    expect(snap.devices.map((d) => d.id)).toEqual([
      ...new Set(results.map((r) => String((r.source as Raw).path))),
    ]);
    // No alias record of a group surfaces as a weakness of its own next to the group's id.
    const named = new Set(snap.weaknesses.map((w) => w.id));
    for (const p of packages) {
      for (const g of list(p.groups)) {
        const ids = (g.ids as string[]).filter((id) => named.has(id));
        expect(ids.length).toBeLessThanOrEqual(1);
      }
    }
  });
});
