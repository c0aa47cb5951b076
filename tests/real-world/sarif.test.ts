/**
 * The SARIF importer on every real SARIF log in ../shared/fixtures/sarif: the results that count
 * (a rule or result with security-severity, or an advisory rule id) and those skipped must match
 * counts taken from the raw JSON here, independently of the importer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeFixtures, fixtureDir, fixtureFiles } from './fixtures.js';
import {
  createContext,
  cycloneDxImporter,
  importSarif,
  openSource,
  sarifImporter,
} from '@exposure/ingest';
import { STATUS_CODES } from '@exposure/score';

const DIR = fixtureDir('sarif');
const files = fixtureFiles(DIR, /./).filter((f) => /\.(sarif|json)$/.test(f));

type Raw = Record<string, unknown>;
const list = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);
const ADVISORY =
  /^(CVE-\d{4}-\d+|GHSA-\w{4}-\w{4}-\w{4}|GO-\d{4}-\d+|PYSEC-\d{4}-\d+|RUSTSEC-\d{4}-\d+|OSV-\d{4}-\d+|DSA-\d+(-\d+)?)$/i;

function expected(doc: Raw) {
  let counted = 0;
  let skipped = 0;
  const byStatus: Record<string, number> = {};
  for (const run of list(doc.runs)) {
    const driver = (run.tool as Raw).driver as Raw;
    const rules = list(driver.rules);
    for (const result of list(run.results)) {
      const rule =
        typeof result.ruleIndex === 'number'
          ? rules[result.ruleIndex]
          : rules.find((r) => r.id === result.ruleId);
      const ruleId = (result.ruleId as string | undefined) ?? (rule?.id as string | undefined);
      const hasSeverity =
        (result.properties as Raw | undefined)?.['security-severity'] !== undefined ||
        (rule?.properties as Raw | undefined)?.['security-severity'] !== undefined;
      const noProblem = ['pass', 'notApplicable', 'informational'].includes(String(result.kind));
      if (!noProblem && ruleId !== undefined && (hasSeverity || ADVISORY.test(ruleId))) {
        counted++;
        const status =
          result.baselineState === 'absent'
            ? 'fixed'
            : list(result.suppressions).some(
                  (s) => s.status === undefined || s.status === 'accepted',
                )
              ? 'exception'
              : 'open';
        byStatus[status] = (byStatus[status] ?? 0) + 1;
      } else skipped++;
    }
  }
  return { counted, skipped, byStatus };
}

describeFixtures('SARIF real-world logs', DIR, () => {
  it.each(files)('%s', async (name) => {
    const path = join(DIR, name);
    const doc = JSON.parse(readFileSync(path, 'utf8')) as Raw;
    const source = await openSource(path, name);
    expect(sarifImporter.detect(source.head)).toBe(true);
    expect(cycloneDxImporter.detect(source.head)).toBe(false);

    const ctx = await createContext(source);
    const summary = await importSarif(ctx);
    ctx.builder.takenAt ??= '2026-01-01T00:00:00Z';
    const snap = ctx.builder.build();

    const want = expected(doc);
    expect(snap.findings.count).toBe(want.counted);
    expect(summary.imported).toBe(want.counted);
    expect(summary.skipped).toBe(want.skipped);
    expect(summary.results).toBe(want.counted + want.skipped);
    const byStatus: Record<string, number> = {};
    for (const code of snap.findings.status) {
      const status = STATUS_CODES[code]!;
      byStatus[status] = (byStatus[status] ?? 0) + 1;
    }
    expect(byStatus).toEqual(want.byStatus);
    expect(snap.devices).toHaveLength(1);
    // Every imported weakness has some severity to score with: CVSS, security-severity or a level.
    for (const w of snap.weaknesses) expect(w.severitySource, w.id).not.toBe('unknown');
  });
});
