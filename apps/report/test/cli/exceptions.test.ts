import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateReportDocument, type ReportValidation } from '@exposure/ingest';
import type { ReportDocument } from '@exposure/score';
import { cli, handSnapshot, tempDir, writeJson } from './helpers.js';

/*
 * handSnapshot: d1 (web-01, Web) CVE-2026-0001 r 0.4 via acme/httpd, CVE-2026-0002 r 0.2 via
 * acme/tls: D1 = 52; d2 (Data) CVE-2026-0003 r 0.0025: D2 = 0.25; d3 high, clean, weight 2.
 * E = 52.25 / 4 = 13.0625.
 */
let dir: string;
let snapshot: string;
beforeAll(async () => {
  dir = await tempDir();
  snapshot = await writeJson(join(dir, 'snapshot.json'), handSnapshot());
});

async function csv(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function scoreJson(args: string[]) {
  const r = await cli(['score', snapshot, '--json', ...args], { cwd: dir });
  const doc = r.code === 0 ? (JSON.parse(r.stdout) as ReportDocument) : undefined;
  return { ...r, doc };
}

describe('--exceptions', () => {
  it('takes an accepted finding out of the score and shows the score without exceptions', async () => {
    const file = await csv(
      'one.csv',
      'weakness,device,reason,owner,expires,approvedBy\n' +
        'CVE-2026-0001,web-01,WAF rule blocks the exploit,Alice,2027-01-31,CISO\n',
    );
    const r = await scoreJson(['--exceptions', file]);
    expect(r.stderr).toBe('');
    // d1 keeps CVE-2026-0002 only: D1 = 20; E = 20.25 / 4 = 5.0625.
    expect(r.doc).toMatchObject({ score: 5.06, scoreWithoutExceptions: 13.06 });
    expect(validateReportDocument(r.doc)).toMatchObject<Partial<ReportValidation>>({ ok: true });
    expect(r.doc!.exceptions).toEqual({
      rules: [
        {
          source: `${file} line 2`,
          weakness: 'CVE-2026-0001',
          device: 'web-01',
          group: null,
          software: null,
          reason: 'WAF rule blocks the exploit',
          owner: 'Alice',
          expires: '2027-01-31',
          approvedBy: 'CISO',
          expired: false,
          devices: ['d1'],
          weaknesses: ['CVE-2026-0001'],
          findings: 1,
        },
      ],
      findings: 1,
      devices: 1,
      weaknesses: [{ id: 'CVE-2026-0001', devices: 1 }],
      expired: 0,
    });
    expect(r.doc!.findings).toEqual({ total: 3, open: 2 });
    expect(r.doc!.inputs.files.map((f) => f.format).sort()).toEqual(['exceptions', 'native']);
  });

  it('the summary says what the exceptions hide and the score without them', async () => {
    const file = await csv('group.csv', 'weakness,group\n*,Web\n');
    const r = await cli(['score', snapshot, '--exceptions', file], { cwd: dir });
    // Web's d1 is clean: E = 0.25 / 4 = 0.0625.
    expect(r.stdout).toMatch(/^Exposure score\s+0\.06 of 100: 0, low$/m);
    expect(r.stdout).toMatch(
      /^Exceptions\s+2 findings on 1 device accepted by 1 rule; score without exceptions 13\.06$/m,
    );
  });

  it('an expired exception counts again and is flagged, as of the snapshot day', async () => {
    const file = await csv(
      'expired.csv',
      'weakness,software,expires\nCVE-2026-0001,acme/httpd,2026-10-31\n',
    );
    const r = await scoreJson(['--exceptions', file]);
    expect(r.doc!.score).toBe(13.06);
    expect(r.doc!.scoreWithoutExceptions).toBe(13.06);
    expect(r.doc!.exceptions!.rules[0]).toMatchObject({
      expired: true,
      devices: ['d1'],
      findings: 1,
    });
    expect(r.stderr).toBe(
      `exposure: warning: ${file} line 2: exception expired on 2026-10-31: its 1 finding count again\n`,
    );
  });

  it('a rule that matches nothing is a warning, not an error', async () => {
    const file = await csv('none.csv', 'weakness,device\nCVE-2026-0001,db-01\n');
    const r = await scoreJson(['--exceptions', file]);
    expect(r.code).toBe(0);
    expect(r.doc!.score).toBe(13.06);
    expect(r.stderr).toBe(`exposure: warning: ${file} line 2: exception matches no open finding\n`);
  });

  it('lists VEX not_affected apart from exceptions', async () => {
    const s = handSnapshot();
    (s.findings[2] as Record<string, unknown>).status = 'not_affected';
    const file = await writeJson(join(dir, 'vex.json'), s);
    const r = await cli(['score', file, '--json'], { cwd: dir });
    const doc = JSON.parse(r.stdout) as ReportDocument;
    expect(doc.notAffected).toEqual({
      findings: 1,
      devices: 1,
      weaknesses: [{ id: 'CVE-2026-0003', devices: 1 }],
    });
    expect(doc.exceptions).toMatchObject({ rules: [], findings: 0 });
    expect(doc.scoreWithoutExceptions).toBe(doc.score);
  });

  it('malformed exceptions files: exit 2, naming the file, the place and the problem', async () => {
    const cases: Array<[string, string, RegExp]> = [
      [
        'typo.csv',
        'weakness,expiry\nCVE-1,2027-01-01\n',
        /typo\.csv \(line 1\): has an unknown column "expiry"/,
      ],
      [
        'date.csv',
        'weakness,expires\nCVE-1,next year\n',
        /date\.csv \(line 2\): expires should be a date written YYYY-MM-DD/,
      ],
      [
        'bad.json',
        '{"schema":"exposure-exceptions/1","exceptions":[{"device":"d1"}]}',
        /bad\.json \(\$\.exceptions\[0\]\): is missing the required field "weakness"/,
      ],
    ];
    for (const [name, text, message] of cases) {
      const file = await csv(name, text);
      const r = await cli(['score', snapshot, '--exceptions', file], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    }
    const missing = await cli(['score', snapshot, '--exceptions', join(dir, 'nope.csv')], {
      cwd: dir,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.csv: no such file or folder/);
  });
});
