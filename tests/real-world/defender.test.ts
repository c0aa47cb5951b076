/**
 * Every Defender importer over the real response examples in ../shared/fixtures: each file is
 * detected by the importer its endpoint calls for (and by no other), and the counts it yields
 * match counts taken straight from the raw JSON.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SnapshotBuilder } from '@exposure/score';
import { expect, it } from 'vitest';
import { describeFixtures, FIXTURES, fixtureDir } from './fixtures.js';
import { createContext, defenderImporters, loadInputs, openSource } from '@exposure/ingest';

const API = fixtureDir('defender-api');
const DOJO = fixtureDir('defender');

type Raw = Record<string, unknown>;

/** The records of a raw response, read without the importers' code. */
function records(doc: unknown): Raw[] {
  if (Array.isArray(doc)) return doc as Raw[];
  const o = doc as Raw;
  return Array.isArray(o.value) ? (o.value as Raw[]) : [o];
}

interface Counts {
  devices: number;
  weaknesses: number;
  findings: number;
  fixed: number;
}

const distinct = (rows: Raw[], key: string) => new Set(rows.map((r) => r[key])).size;

/** What each format must yield, computed from the raw records. */
const expectedCounts: Record<string, (rows: Raw[]) => Counts> = {
  'defender-machines': (rows) => ({ devices: rows.length, weaknesses: 0, findings: 0, fixed: 0 }),
  'defender-vulnerabilities': (rows) => ({
    devices: 0,
    weaknesses: rows.length,
    findings: 0,
    fixed: 0,
  }),
  'defender-recommendations': () => ({ devices: 0, weaknesses: 0, findings: 0, fixed: 0 }),
  // Defender's software list and its own scores name no device and no vulnerability.
  'defender-software': () => ({ devices: 0, weaknesses: 0, findings: 0, fixed: 0 }),
  'defender-exposure-score': () => ({ devices: 0, weaknesses: 0, findings: 0, fixed: 0 }),
  'defender-configuration-score': () => ({ devices: 0, weaknesses: 0, findings: 0, fixed: 0 }),
  'defender-export-response': () => ({ devices: 0, weaknesses: 0, findings: 0, fixed: 0 }),
  'defender-software-inventory': (rows) => ({
    devices: distinct(rows, 'deviceId'),
    weaknesses: 0,
    findings: 0,
    fixed: 0,
  }),
  'defender-software-vulnerabilities': (rows) => {
    const named = rows.filter((r) => typeof r.cveId === 'string');
    return {
      devices: distinct(rows, 'deviceId'),
      weaknesses: distinct(named, 'cveId'),
      findings: named.length,
      fixed: named.filter((r) => r.status === 'Fixed').length,
    };
  },
  'defender-machine-vulnerabilities': (rows) => ({
    devices: distinct(rows, 'machineId'),
    weaknesses: distinct(rows, 'cveId'),
    findings: rows.length,
    fixed: 0,
  }),
  'defender-configurations': (rows) => {
    const applicable = rows.filter((r) => r.isApplicable !== false);
    return {
      devices: distinct(rows, 'deviceId'),
      weaknesses: distinct(rows, 'configurationId'),
      findings: applicable.length,
      fixed: applicable.filter((r) => r.isCompliant === true).length,
    };
  },
};

/** The importer each file's endpoint calls for; undefined: not a Defender input Exposure reads. */
const API_FILES: Record<string, string | undefined> = {
  'README.md': undefined,
  'Software.json': 'defender-software',
  'configurationScore.json': 'defender-configuration-score',
  'exposureScore.json': 'defender-exposure-score',
  'exposureScore_ByMachineGroups.json': 'defender-exposure-score',
  'machines.json': 'defender-machines',
  'machines_SecureConfigurationsAssessmentByMachine.json': 'defender-configurations',
  'machines_SecureConfigurationsAssessmentExport.json': 'defender-export-response',
  'machines_SoftwareInventoryByMachine.json': 'defender-software-inventory',
  'machines_SoftwareInventoryExport.json': 'defender-export-response',
  'machines_SoftwareVulnerabilitiesByMachine.json': 'defender-software-vulnerabilities',
  'machines_SoftwareVulnerabilitiesExport.json': 'defender-export-response',
  'machines_SoftwareVulnerabilitiesExport_file-record.partial.json':
    'defender-software-vulnerabilities',
  'machines_SoftwareVulnerabilityChangesByMachine.json': 'defender-software-vulnerabilities',
  'machines_filter_riskScore.json': 'defender-machines',
  'machines_id.json': 'defender-machines',
  'recommendations.json': 'defender-recommendations',
  'recommendations_id.json': 'defender-recommendations',
  'recommendations_id_machineReferences.json': 'defender-machines',
  'recommendations_id_software.json': 'defender-software',
  'recommendations_id_vulnerabilities.json': 'defender-vulnerabilities',
  'vulnerabilities.json': 'defender-vulnerabilities',
  'vulnerabilities_machinesVulnerabilities.json': 'defender-machine-vulnerabilities',
};

/** Files that hold no findings, and what their import must say about it. */
const WARNED: Record<string, RegExp> = {
  'machines_SecureConfigurationsAssessmentExport.json':
    /lists 3 download URLs but holds no findings/,
  'machines_SoftwareInventoryExport.json': /lists 3 download URLs but holds no findings/,
  'machines_SoftwareVulnerabilitiesExport.json': /lists 3 download URLs but holds no findings/,
  'Software.json': /a Defender software list .* adds no findings/,
  'recommendations_id_software.json': /a Defender software list .* adds no findings/,
  'configurationScore.json': /Microsoft Defender's own configuration score \(340\)/,
  'exposureScore.json': /Microsoft Defender's own exposure score \(33\.49\)/,
  'exposureScore_ByMachineGroups.json': /Microsoft Defender's own exposure scores/,
};

/**
 * Files whose counts the format's rule above cannot take: one export record (PascalCase) saved
 * without its DeviceId, whose Id still starts with the machine id
 * (`<deviceId>_<vendor>_<product>_<version>_<cve>`).
 */
const FILE_COUNTS: Record<string, (rows: Raw[]) => Counts> = {
  'machines_SoftwareVulnerabilitiesExport_file-record.partial.json': (rows) => ({
    devices: new Set(rows.map((r) => r.DeviceId ?? String(r.Id).split('_')[0])).size,
    weaknesses: distinct(rows, 'CveId'),
    findings: rows.filter((r) => typeof r.CveId === 'string').length,
    fixed: 0,
  }),
};

async function load(path: string) {
  const ctx = await createContext(await openSource(path, path));
  const matches = defenderImporters.filter((i) => i.detect(ctx.file.head));
  return { ctx, matches };
}

async function importAndCount(path: string, format: string) {
  const { ctx, matches } = await load(path);
  expect(matches.map((m) => m.format)).toEqual([format]);
  await matches[0]!.import(ctx);
  ctx.builder.takenAt ??= '2026-01-01T00:00:00Z';
  const s = ctx.builder.build();
  let fixed = 0;
  for (let i = 0; i < s.findings.count; i++) if (s.findings.status[i] === 1) fixed++;
  const counts: Counts = {
    devices: s.devices.length,
    weaknesses: s.weaknesses.length,
    findings: s.findings.count,
    fixed,
  };
  return { counts, builder: ctx.builder, snapshot: s, warnings: ctx.notes.warnings };
}

describeFixtures('Defender API examples (shared/fixtures/defender-api)', API, () => {
  const files = existsSync(API) ? readdirSync(API).sort() : [];

  it('every file in the folder is listed here', () => {
    expect(files).toEqual(Object.keys(API_FILES).sort());
  });

  it.each(files)('%s', async (name) => {
    const path = join(API, name);
    const format = API_FILES[name];
    if (format === undefined) {
      expect((await load(path)).matches).toEqual([]);
      return;
    }
    const { counts, warnings } = await importAndCount(path, format);
    const warned = WARNED[name];
    if (warned) expect(warnings).toEqual([expect.stringMatching(warned)]);
    else expect(warnings).toEqual([]);
    const expected = FILE_COUNTS[name] ?? expectedCounts[format]!;
    expect(counts).toEqual(expected(records(JSON.parse(readFileSync(path, 'utf8')))));
  });

  it('only the machine list stands for the whole fleet', async () => {
    const names = [
      'machines.json',
      'machines_id.json',
      'recommendations_id_machineReferences.json',
    ];
    const loaded = await loadInputs(
      names.map((n) => join(API, n)),
      { asOf: Date.parse('2026-01-01T00:00:00Z') },
    );
    expect(loaded.observations.map((o) => o.coverage)).toEqual(['full', 'partial', 'partial']);
  });

  it("carries Defender's own scores as they are written, beside ours", async () => {
    const names = [
      'exposureScore.json',
      'exposureScore_ByMachineGroups.json',
      'configurationScore.json',
    ];
    const loaded = await loadInputs(
      names.map((n) => join(API, n)),
      { asOf: Date.parse('2026-01-01T00:00:00Z') },
    );
    const raw = names.flatMap((n) =>
      records(JSON.parse(readFileSync(join(API, n), 'utf8'))).map((r) => [
        n,
        r.score,
        r.rbacGroupName,
      ]),
    );
    expect(loaded.vendorScores.map((v) => [v.source.split('/').pop(), v.score, v.group])).toEqual(
      raw,
    );
    expect(loaded.observations.every((o) => o.snapshot.findings.count === 0)).toBe(true);
  });

  it('merges every importable file into one snapshot', async () => {
    const all = new SnapshotBuilder({ takenAt: '2021-01-12T00:00:00Z' });
    let findings = 0;
    for (const name of files) {
      const format = API_FILES[name];
      if (format === undefined) continue;
      const { builder } = await importAndCount(join(API, name), format);
      findings += builder.findingCount;
      all.merge(builder);
    }
    const s = all.build();
    expect(s.findings.count).toBe(findings);
    expect(findings).toBeGreaterThan(0);
    // The catalogue and the findings meet on the same id.
    expect(s.weaknesses.find((w) => w.id === 'CVE-2019-0608')?.cvss[0]?.score).toBe(4.3);
  });
});

describeFixtures('DefectDojo Defender samples (shared/fixtures/defender, anonymised)', DOJO, () => {
  const cases: Array<[string, string]> = [
    ['defectdojo-ms_defender-machines.json', 'defender-machines'],
    ['defectdojo-ms_defender-report_many_vulns.json', 'defender-machine-vulnerabilities'],
  ];

  it.each(cases)('%s', async (name, format) => {
    const path = join(DOJO, name);
    const { counts, snapshot } = await importAndCount(path, format);
    expect(counts).toEqual(
      expectedCounts[format]!(records(JSON.parse(readFileSync(path, 'utf8')))),
    );
    // Fake times ("1999-10-sdffew") are dropped, not fatal.
    for (const d of snapshot.devices) expect(d.lastSeen).toBeUndefined();
  });

  const zip = join(DOJO, 'defectdojo-ms_defender-defender.zip');
  const hasUnzip = (() => {
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it('the zip itself is not taken for a Defender response', async () => {
    expect((await load(zip)).matches).toEqual([]);
  });

  it('the zip is read in place: its two members score as the files extracted beside it', async () => {
    const asOf = { asOf: Date.parse('2026-01-01T00:00:00Z') };
    const zipped = await loadInputs([zip], asOf);
    const loose = await loadInputs(
      [
        join(DOJO, 'defectdojo-ms_defender-machines.json'),
        join(DOJO, 'defectdojo-ms_defender-report_many_vulns.json'),
      ],
      asOf,
    );
    const counts = (r: typeof zipped) =>
      r.inputs.files.map((f) => [f.format, f.devices, f.findings, f.sha256]);
    expect(zipped.inputs.files.map((f) => f.path)).toEqual([
      `${zip}/machines/machines.json`,
      `${zip}/vulnerabilities/report_many_vulns.json`,
    ]);
    expect(counts(zipped)).toEqual(counts(loose));
  });

  it.skipIf(!hasUnzip)('the zip holds the same two responses (DefectDojo layout)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exposure-defender-zip-'));
    execFileSync('unzip', ['-q', zip, '-d', dir]);
    const machines = await importAndCount(
      join(dir, 'machines', 'machines.json'),
      'defender-machines',
    );
    const vulns = await importAndCount(
      join(dir, 'vulnerabilities', 'report_many_vulns.json'),
      'defender-machine-vulnerabilities',
    );
    expect(machines.counts.devices).toBe(2);
    expect(vulns.counts.findings).toBe(4);
  });
});

describeFixtures('other formats (shared/fixtures)', FIXTURES, () => {
  it("no other tool's output is taken for a Defender response", async () => {
    const taken: string[] = [];
    for (const dir of readdirSync(FIXTURES)) {
      const folder = join(FIXTURES, dir);
      if (dir.startsWith('defender') || !statSync(folder).isDirectory()) continue;
      for (const name of readdirSync(folder)) {
        const { matches } = await load(join(folder, name));
        if (matches.length)
          taken.push(`${dir}/${name}: ${matches.map((m) => m.format).join(', ')}`);
      }
    }
    expect(taken).toEqual([]);
  });
});
