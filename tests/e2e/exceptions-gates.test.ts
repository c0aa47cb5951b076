/**
 * Risk acceptance, deadlines and gates end to end, on real scanner output: a Trivy and a Grype
 * report from ../shared/fixtures, with an asset inventory, a KEV catalog, an exceptions CSV and an
 * exposure.config.json, run through the built CLI. Neither report carries a time the loader uses
 * (Grype's is empty, this Trivy one has none), so they are dated by copies in dated folders:
 * 2026-10-01/ holds the Grype image only, 2026-11-01/ both.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPORT_SCHEMA, ROOT, assertBuilt, exposure, scratch, writeJson } from './helpers.js';

const FIXTURES = resolve(ROOT, '../shared/fixtures');
const TRIVY = join(FIXTURES, 'trivy/defectdojo-trivy-scheme_2_many_vulns.json');
const GRYPE = join(FIXTURES, 'grype/defectdojo-grype-many_vulns3.json');
const present = existsSync(TRIVY) && existsSync(GRYPE);
if (!present && process.env.CI === 'true')
  throw new Error(`${FIXTURES}: the Trivy and Grype fixtures are missing`);

const DJANGO = 'defectdojo/defectdojo-django:1.13.1';
const TEAMDOJO = 'teamdojo:latest';

const EXCEPTIONS = [
  'weakness,device,group,software,reason,owner,expires,approvedBy',
  '*,,,python/jira,Jira client not used at runtime,Platform team,2027-06-30,CISO',
  'CVE-2019-16168,,Apps,,SQLite only reads bundled data,Platform team,2027-01-31,CISO',
  `CVE-2019-12900,${TEAMDOJO},,,Waiting for the base image,Dojo team,2026-10-15,CISO`,
  'CVE-1999-0001,,,,An old note,Nobody,,',
].join('\n');

interface Doc {
  score: number;
  scoreWithoutExceptions: number;
  organization: string;
  inputs: { files: Array<{ path: string; format: string }> };
  exceptions: {
    rules: Array<{ expired: boolean; devices: string[]; weaknesses: string[]; findings: number }>;
  };
  deadlines: {
    overdue: number;
    newKev: string[] | null;
    policy: Record<string, number>;
    overduePairs: Array<{ device: string; weakness: string; due: string; dueFrom: string }>;
  };
  groups: Array<{ name: string | null }>;
}

let dir: string;
beforeAll(async () => {
  if (!present) return;
  assertBuilt();
  dir = await scratch('exceptions');
  await mkdir(join(dir, 'scans/2026-10-01'), { recursive: true });
  await mkdir(join(dir, 'scans/2026-11-01'), { recursive: true });
  await copyFile(GRYPE, join(dir, 'scans/2026-10-01/grype.json'));
  await copyFile(GRYPE, join(dir, 'scans/2026-11-01/grype.json'));
  await copyFile(TRIVY, join(dir, 'scans/2026-11-01/trivy.json'));
  await mkdir(join(dir, 'policy'));
  await writeFile(join(dir, 'policy/accepted.csv'), EXCEPTIONS);
  await writeFile(
    join(dir, 'policy/assets.csv'),
    `device,group\n${DJANGO},Apps\n${TEAMDOJO},Dojo\n`,
  );
  // CVE-2020-15999 (FreeType, on the Trivy image) is a real KEV entry, due 2021-11-17.
  await writeJson(join(dir, 'policy/kev.json'), {
    catalogVersion: '2026.10.30',
    vulnerabilities: [{ cveID: 'CVE-2020-15999', dueDate: '2021-11-17' }],
  });
  const config = {
    organization: 'Dojo Inc.',
    assets: 'policy/assets.csv',
    exceptions: 'policy/accepted.csv',
    feeds: { kev: 'policy/kev.json' },
    sla: { critical: 14 },
    gates: { failOnOverdue: true },
  };
  await writeJson(join(dir, 'exposure.config.json'), config);
  const { exceptions: _, ...withoutExceptions } = config;
  await writeJson(join(dir, 'no-exceptions.json'), withoutExceptions);
});

describe.skipIf(!present)('exceptions, deadlines and gates on real Trivy and Grype output', () => {
  it('applies the exceptions file to both formats and gates on overdue pairs', async () => {
    const r = await exposure(['score', 'scans', '--json'], { cwd: dir });
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout) as Doc;
    const ajv = new Ajv({ allowUnionTypes: true });
    const validate = ajv.compile(JSON.parse(await readFile(REPORT_SCHEMA, 'utf8')) as object);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);

    expect(doc.organization).toBe('Dojo Inc.');
    // Paths of the config file are shown relative to the working folder it sits in.
    expect(doc.inputs.files.map((f) => f.path)).toContain('policy/accepted.csv');
    expect(doc.inputs.files.map((f) => f.format).sort()).toEqual(
      ['assets', 'exceptions', 'grype', 'grype', 'kev', 'trivy'].sort(),
    );
    const [software, group, expired, nothing] = doc.exceptions.rules;
    // python/jira: every one of its 101 findings, all on the Grype image.
    expect(software).toMatchObject({ expired: false, devices: [DJANGO], findings: 101 });
    expect(group).toMatchObject({
      expired: false,
      devices: [DJANGO],
      weaknesses: ['CVE-2019-16168'],
    });
    expect(expired).toMatchObject({ expired: true, devices: [TEAMDOJO], findings: 1 });
    expect(nothing).toMatchObject({ expired: false, devices: [], findings: 0 });
    expect(doc.score).toBeLessThan(doc.scoreWithoutExceptions);

    expect(r.stderr).toContain(
      'exposure: warning: policy/accepted.csv line 4: exception expired on 2026-10-15: its 1 finding count again\n',
    );
    expect(r.stderr).toContain(
      'exposure: warning: policy/accepted.csv line 5: exception matches no open finding\n',
    );
    expect(r.stderr).toMatch(
      /^exposure: gate crossed: --fail-on-overdue: \d+ open weaknesses are past/m,
    );

    // The KEV due date is earlier than the policy's; the image was not there on 2026-10-01.
    expect(doc.deadlines.policy).toEqual({ critical: 14, high: 30, medium: 90, low: 180 });
    expect(doc.deadlines.overduePairs).toContainEqual(
      expect.objectContaining({
        device: TEAMDOJO,
        weakness: 'CVE-2020-15999',
        due: '2021-11-17',
        dueFrom: 'kev',
      }),
    );
    expect(doc.deadlines.newKev).toEqual(['CVE-2020-15999']);
    expect(doc.groups.map((g) => g.name).sort()).toEqual(['Apps', 'Dojo']);
  });

  it('the score without exceptions is exactly the score of the same run with none', async () => {
    const withThem = JSON.parse(
      (await exposure(['score', 'scans', '--json'], { cwd: dir })).stdout,
    ) as Doc;
    const r = await exposure(['score', 'scans', '--json', '--config', 'no-exceptions.json'], {
      cwd: dir,
    });
    const without = JSON.parse(r.stdout) as Doc;
    expect(without.score).toBe(withThem.scoreWithoutExceptions);
    expect(without.scoreWithoutExceptions).toBe(without.score);
  });

  it('gates on the command line add to those of the config file; --no-config drops them', async () => {
    const r = await exposure(['score', 'scans', '--fail-on-new-kev', '--max-score', '100'], {
      cwd: dir,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      'exposure: gate crossed: --fail-on-new-kev: 1 known exploited weakness is open that was not at the previous point: CVE-2020-15999\n',
    );
    expect(r.stdout).toMatch(
      /^Exceptions\s+\d+ findings on 1 device accepted by 4 rules \(1 expired/m,
    );
    expect(r.stdout).toMatch(
      /^Oldest KEV\s+CVE-2020-15999 on teamdojo:latest: open 0 days, due 2021-11-17 \(overdue\)$/m,
    );
    const passing = await exposure(['score', 'scans', '--no-config', '--max-score', '100'], {
      cwd: dir,
    });
    expect(passing.code).toBe(0);
  });

  it('exposure report writes the site in full, with the exceptions page, then exits 3', async () => {
    const r = await exposure(['report', 'scans', '--out', 'site'], { cwd: dir });
    expect(r.code).toBe(3);
    const exceptions = await readFile(join(dir, 'site/exceptions.html'), 'utf8');
    expect(exceptions).toContain('Jira client not used at runtime');
    expect(exceptions).toContain('Expired: its findings count again');
    expect(exceptions).toContain('Matches no open finding');
    const index = await readFile(join(dir, 'site/index.html'), 'utf8');
    expect(index).toMatch(
      /Without exceptions the score would be [\d.]+ \(findings accepted: \d+\)/,
    );
    const site = JSON.parse(await readFile(join(dir, 'site/exposure.json'), 'utf8')) as Doc;
    const score = JSON.parse(
      (await exposure(['score', 'scans', '--json'], { cwd: dir })).stdout,
    ) as Doc;
    // The site keeps a history (score without --history has none); all else is the same document.
    expect({ ...site, history: null }).toEqual(score);
  });

  it('a malformed config file is exit 2 naming the file and the key', async () => {
    await writeJson(join(dir, 'bad.json'), { gates: { failOnOverdue: 'yes' } });
    const r = await exposure(['score', 'scans', '--config', 'bad.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'exposure: bad.json ($.gates.failOnOverdue): should be a boolean, found the string "yes"\n',
    );
  });
});
