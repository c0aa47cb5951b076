/**
 * The Trivy importer on every real Trivy report in ../shared/fixtures/trivy: the number of
 * findings, devices and not-affected findings must match counts taken from the raw JSON here.
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
import { STATUS_CODES } from '@exposure/score';

const DIR = fixtureDir('trivy');
const files = fixtureFiles(DIR, /./).filter((f) => f.endsWith('.json'));

type Raw = Record<string, unknown>;
const list = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);

/** Results[] lists of the report, with the device each belongs to. */
function resultLists(doc: Raw): Array<{ device: string; results: Raw[] }> {
  if (typeof doc.ClusterName === 'string' && doc.ArtifactName === undefined) {
    return ['Resources', 'Vulnerabilities', 'Misconfigurations'].flatMap((key) =>
      list(doc[key]).map((w) => ({
        device: `${String(w.Namespace)}/${String(w.Kind)}/${String(w.Name)}`,
        results: list(w.Results),
      })),
    );
  }
  return [{ device: String(doc.ArtifactName), results: list(doc.Results) }];
}

function expected(doc: Raw) {
  let findings = 0;
  let notAffected = 0;
  for (const { results } of resultLists(doc)) {
    for (const r of results) {
      const vulns = list(r.Vulnerabilities);
      findings += vulns.length + list(r.Secrets).length;
      findings += list(r.Misconfigurations).filter(
        (m) => m.Status === 'FAIL' || m.Status === 'EXCEPTION',
      ).length;
      findings += list(r.ExperimentalModifiedFindings).filter((m) => m.Type !== 'license').length;
      notAffected += vulns.filter((v) => v.Status === 'not_affected').length;
    }
  }
  return { findings, notAffected, devices: new Set(resultLists(doc).map((l) => l.device)).size };
}

describeFixtures('Trivy real-world reports', DIR, () => {
  it.each(files)('%s', async (name) => {
    const path = join(DIR, name);
    const doc = JSON.parse(readFileSync(path, 'utf8')) as Raw;
    const source = await openSource(path, name);
    expect(trivyImporter.detect(source.head)).toBe(true);
    for (const other of [grypeImporter, osvScannerImporter, npmAuditImporter])
      expect(other.detect(source.head)).toBe(false);

    const ctx = await createContext(source);
    await trivyImporter.import(ctx);
    if (typeof doc.CreatedAt === 'string')
      expect(ctx.builder.takenAt).toBe(new Date(doc.CreatedAt).toISOString());
    ctx.builder.takenAt ??= '2026-01-01T00:00:00Z';
    const snap = ctx.builder.build();

    const want = expected(doc);
    expect(snap.findings.count).toBe(want.findings);
    expect(snap.devices.length).toBe(want.devices);
    const statuses = Array.from(snap.findings.status, (s) => STATUS_CODES[s]);
    expect(statuses.filter((s) => s === 'not_affected').length).toBe(want.notAffected);
    for (const w of snap.weaknesses) expect(w.id).not.toBe('');
  });
});
