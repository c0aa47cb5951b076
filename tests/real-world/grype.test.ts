/**
 * The Grype importer on every real Grype report in ../shared/fixtures/grype: findings, KEV
 * and EPSS evidence must match counts taken from the raw JSON here.
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

const DIR = fixtureDir('grype');
const files = fixtureFiles(DIR, /./).filter((f) => f.endsWith('.json'));

type Raw = Record<string, unknown>;
const list = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);
const vuln = (m: Raw) => m.vulnerability as Raw;
/** A CVE keeps its id; an advisory with exactly one related CVE is keyed by that CVE. */
const expectedId = (m: Raw): string => {
  const own = String(vuln(m).id);
  if (/^CVE-\d{4}-\d+$/i.test(own)) return own.toUpperCase();
  const cves = new Set(
    list(m.relatedVulnerabilities)
      .map((r) => String(r.id).toUpperCase())
      .filter((id) => /^CVE-\d{4}-\d+$/.test(id)),
  );
  return cves.size === 1 ? [...cves][0]! : own;
};

describeFixtures('Grype real-world reports', DIR, () => {
  it.each(files)('%s', async (name) => {
    const path = join(DIR, name);
    const doc = JSON.parse(readFileSync(path, 'utf8')) as Raw;
    const source = await openSource(path, name);
    expect(grypeImporter.detect(source.head)).toBe(true);
    for (const other of [trivyImporter, osvScannerImporter, npmAuditImporter])
      expect(other.detect(source.head)).toBe(false);

    const ctx = await createContext(source);
    await grypeImporter.import(ctx);
    const stamp = (doc.descriptor as Raw | undefined)?.timestamp;
    if (typeof stamp === 'string' && stamp)
      expect(ctx.builder.takenAt).toBe(new Date(stamp).toISOString());
    else expect(ctx.builder.takenAt).toBeUndefined();
    ctx.builder.takenAt ??= '2026-01-01T00:00:00Z';
    const snap = ctx.builder.build();

    const matches = list(doc.matches);
    const ignored = list(doc.ignoredMatches);
    expect(snap.findings.count).toBe(matches.length + ignored.length);
    expect(snap.devices).toHaveLength(1);
    const statuses = Array.from(snap.findings.status, (s) => STATUS_CODES[s]);
    expect(statuses.filter((s) => s === 'open')).toHaveLength(matches.length);

    const all = [...matches, ...ignored];
    const ids = new Set(all.map(expectedId));
    expect(new Set(snap.weaknesses.map((w) => w.id))).toEqual(ids);
    const kev = new Set(all.filter((m) => list(vuln(m).knownExploited).length > 0).map(expectedId));
    expect(new Set(snap.weaknesses.filter((w) => w.kev).map((w) => w.id))).toEqual(kev);
    const epss = new Set(all.filter((m) => list(vuln(m).epss).length > 0).map(expectedId));
    expect(new Set(snap.weaknesses.filter((w) => w.epss !== undefined).map((w) => w.id))).toEqual(
      epss,
    );
    // Every weakness with any CVSS in the file (its own or a related record's) is scored from CVSS.
    for (const m of matches) {
      const own =
        list(vuln(m).cvss).length > 0 ||
        vuln(m).cvssV2 !== undefined ||
        vuln(m).cvssV3 !== undefined;
      const w = snap.weaknesses.find((x) => x.id === expectedId(m))!;
      if (own) expect(w.severitySource).toMatch(/^cvss/);
    }
  });
});
