/**
 * The npm audit importer on every real report in ../shared/fixtures/npm-audit: one finding per
 * advisory object (npm 7+) or per advisory finding (npm 6), counted from the raw JSON here.
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

const DIR = fixtureDir('npm-audit');
const files = fixtureFiles(DIR, /./).filter((f) => f.endsWith('.json'));

type Raw = Record<string, unknown>;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function expectedFindings(doc: Raw): number {
  if (doc.auditReportVersion !== undefined) {
    return Object.values(doc.vulnerabilities as Record<string, Raw>).reduce(
      (n, v) => n + list(v.via).filter((x) => typeof x === 'object').length,
      0,
    );
  }
  return Object.values(doc.advisories as Record<string, Raw>).reduce(
    (n, a) => n + list(a.findings).length,
    0,
  );
}

describeFixtures('npm audit real-world reports', DIR, () => {
  it.each(files)('%s', async (name) => {
    const path = join(DIR, name);
    const doc = JSON.parse(readFileSync(path, 'utf8')) as Raw;
    const source = await openSource(path, name);
    expect(npmAuditImporter.detect(source.head)).toBe(true);
    for (const other of [trivyImporter, grypeImporter, osvScannerImporter])
      expect(other.detect(source.head)).toBe(false);

    const ctx = await createContext(source);
    await npmAuditImporter.import(ctx);
    expect(ctx.builder.takenAt).toBeUndefined();
    ctx.builder.takenAt = '2026-01-01T00:00:00Z';
    const snap = ctx.builder.build();

    expect(snap.findings.count).toBe(expectedFindings(doc));
    expect(snap.devices.map((d) => d.id)).toEqual([name.replace(/\.json$/, '')]);
    for (const s of snap.software) expect(s.vendor).toBe('npm');
    for (const w of snap.weaknesses) expect(w.id).toMatch(/^(GHSA-[\w-]+|CVE-\d{4}-\d+|npm-\d+)$/);
  });
});
