/**
 * The CycloneDX importer on every real BOM / VEX in ../shared/fixtures/cyclonedx: finding
 * counts and statuses must match counts taken from the raw JSON here, independently of the importer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeFixtures, fixtureDir, fixtureFiles } from './fixtures.js';
import {
  createContext,
  cycloneDxImporter,
  importCycloneDx,
  openSource,
  sarifImporter,
} from '@exposure/ingest';
import { STATUS_CODES } from '@exposure/score';

const DIR = fixtureDir('cyclonedx');
const files = fixtureFiles(DIR, /./).filter((f) => f.endsWith('.json'));

type Raw = Record<string, unknown>;
const list = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);

const STATE_STATUS: Record<string, string> = {
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  not_affected: 'not_affected',
  false_positive: 'not_affected',
};

/** Σ over vulnerabilities of max(1, affects) minus the affects entries whose versions are all unaffected. */
function expected(doc: Raw) {
  const byStatus: Record<string, number> = {};
  let findings = 0;
  for (const v of list(doc.vulnerabilities)) {
    const affects = list(v.affects);
    const counted = affects.filter((a) => {
      const versions = list(a.versions);
      return versions.length === 0 || !versions.every((e) => e.status === 'unaffected');
    }).length;
    const n = affects.length === 0 ? 1 : counted;
    if (n === 0) continue;
    findings += n;
    const state = (v.analysis as Raw | undefined)?.state as string | undefined;
    const status = (state && STATE_STATUS[state]) ?? 'open';
    byStatus[status] = (byStatus[status] ?? 0) + n;
  }
  return { findings, byStatus };
}

describeFixtures('CycloneDX real-world BOMs and VEX', DIR, () => {
  it.each(files)('%s', async (name) => {
    const path = join(DIR, name);
    const doc = JSON.parse(readFileSync(path, 'utf8')) as Raw;
    const source = await openSource(path, name);
    expect(cycloneDxImporter.detect(source.head)).toBe(true);
    expect(sarifImporter.detect(source.head)).toBe(false);

    const ctx = await createContext(source);
    const summary = await importCycloneDx(ctx);
    const timestamp = (doc.metadata as Raw | undefined)?.timestamp;
    if (typeof timestamp === 'string')
      expect(ctx.builder.takenAt).toBe(new Date(timestamp).toISOString());
    ctx.builder.takenAt ??= '2026-01-01T00:00:00Z';
    const snap = ctx.builder.build();

    const want = expected(doc);
    expect(snap.findings.count).toBe(want.findings);
    expect(summary.vulnerabilities).toBe(list(doc.vulnerabilities).length);
    const byStatus: Record<string, number> = {};
    for (const code of snap.findings.status) {
      const status = STATUS_CODES[code]!;
      byStatus[status] = (byStatus[status] ?? 0) + 1;
    }
    expect(byStatus).toEqual(want.byStatus);
    // One BOM describes one device.
    expect(snap.devices).toHaveLength(1);
    // A vulnerability with a scored CVSS rating is scored by CVSS, not by its label.
    for (const v of list(doc.vulnerabilities)) {
      const scored = list(v.ratings).some(
        (r) => /^CVSSv/.test(String(r.method)) && typeof r.score === 'number',
      );
      const w = snap.weaknesses.find((x) => x.id === v.id);
      if (w && scored) expect(w.severitySource, String(v.id)).toMatch(/^cvss/);
      if (
        w &&
        !scored &&
        list(v.ratings).some((r) =>
          ['critical', 'high', 'medium', 'low'].includes(String(r.severity)),
        )
      ) {
        expect(w.severitySource, String(v.id)).not.toBe('unknown');
      }
    }
  });
});
