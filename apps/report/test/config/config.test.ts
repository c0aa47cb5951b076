import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '@exposure/score';
import { cli, handSnapshot, tempDir, writeJson } from '../cli/helpers.js';

let dir: string;
let snapshot: string;
beforeAll(async () => {
  dir = await tempDir();
  snapshot = await writeJson(join(dir, 'data', 'snapshot.json'), handSnapshot());
});

/** A working folder holding an exposure.config.json (written as text, so broken JSON works too). */
async function workdir(name: string, config: unknown, files: Record<string, string> = {}) {
  const cwd = join(dir, name);
  await mkdir(cwd, { recursive: true });
  await writeFile(
    join(cwd, 'exposure.config.json'),
    typeof config === 'string' ? config : JSON.stringify(config, null, 2),
  );
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(cwd, path, '..'), { recursive: true });
    await writeFile(join(cwd, path), text);
  }
  return cwd;
}

describe('exposure.config.json', () => {
  it('is read from the working folder: organization, exceptions (relative to it), SLA, gates', async () => {
    const cwd = await workdir(
      'full',
      {
        organization: 'Fabrikam',
        exceptions: 'risk/accepted.csv',
        sla: { critical: 60 },
        gates: { maxScore: 5 },
      },
      { 'risk/accepted.csv': 'weakness,device\nCVE-2026-0003,d2\n' },
    );
    const r = await cli(['score', snapshot, '--json'], { cwd });
    // Without d2's finding: E = 52 / 4 = 13 > 5: the gate from the file is crossed.
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--max-score 5: the exposure score is 13\.00, 8\.00 above it/);
    const doc = JSON.parse(r.stdout) as ReportDocument;
    expect(doc.organization).toBe('Fabrikam');
    expect(doc.score).toBe(13);
    expect(doc.exceptions!.rules[0]!.source).toMatch(/risk[/\\]accepted\.csv line 2$/);
    expect(doc.deadlines!.policy).toEqual({ critical: 60, high: 30, medium: 90, low: 180 });
  });

  it('command-line options win over the file; --no-config ignores it', async () => {
    const cwd = await workdir('wins', { organization: 'Fabrikam', gates: { maxScore: 5 } });
    const r = await cli(['score', snapshot, '--org', 'Contoso', '--max-score', '20'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Organization\s+Contoso$/m);
    const none = await cli(['score', snapshot, '--no-config'], { cwd });
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/^Organization\s+Contoso$/m);
  });

  it('--config FILE reads another file, its paths relative to that file', async () => {
    const cwd = await workdir(
      'explicit',
      { organization: 'Ignored' },
      {
        'ci/exposure.json': JSON.stringify({ gates: { failOn: 'low' }, exceptions: 'acc.csv' }),
        'ci/acc.csv': 'weakness\n*\n',
      },
    );
    const r = await cli(['score', snapshot, '--config', 'ci/exposure.json'], { cwd });
    // Everything accepted: 0, level low, which --fail-on low still catches.
    expect(r.stdout).toMatch(/^Exposure score\s+0\.00 of 100: 0, low$/m);
    expect(r.stdout).toMatch(/^Organization\s+Contoso$/m);
    expect(r.code).toBe(3);
  });

  it('the language of the file is used by exposure report unless --lang is given', async () => {
    const cwd = await workdir('lang', { language: 'nl' });
    const { testDeps } = await import('../cli/helpers.js');
    const r = await cli(['report', snapshot, '--out', 'site'], { cwd, deps: testDeps() });
    expect(r.code).toBe(0);
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(join(cwd, 'site', 'index.html'), 'utf8')).toMatch(/ nl<\/h1>$/);
    const en = await cli(['report', snapshot, '--out', 'site', '--lang', 'en'], {
      cwd,
      deps: testDeps(),
    });
    expect(en.code).toBe(0);
    expect(await readFile(join(cwd, 'site', 'index.html'), 'utf8')).toMatch(/ en<\/h1>$/);
  });

  const bad: Array<[string, string, RegExp]> = [
    [
      'unknown key',
      JSON.stringify({ organisation: 'Contoso' }),
      /^exposure: exposure\.config\.json \(\$\): has an unknown field "organisation" \(known fields: \$schema, organization, /,
    ],
    [
      'unknown nested key',
      JSON.stringify({ gates: { maxscore: 50 } }),
      /^exposure: exposure\.config\.json \(\$\.gates\): has an unknown field "maxscore"/,
    ],
    [
      'wrong type',
      JSON.stringify({ gates: { maxScore: '50' } }),
      /^exposure: exposure\.config\.json \(\$\.gates\.maxScore\): should be a number, found the string "50"/,
    ],
    [
      'bad value',
      JSON.stringify({ sla: { high: -1 } }),
      /^exposure: exposure\.config\.json \(\$\.sla\.high\): should be >= 0, found number -1/,
    ],
    [
      'bad choice',
      JSON.stringify({ language: 'de' }),
      /^exposure: exposure\.config\.json \(\$\.language\): should be one of "en", "nl", found the string "de"/,
    ],
    [
      'not JSON',
      '{ "organization": "Contoso", }',
      /^exposure: exposure\.config\.json \(line 1, column \d+\): is not valid JSON/,
    ],
    ['empty', '', /^exposure: exposure\.config\.json: is empty/],
  ];
  it.each(bad)(
    '%s: exit 2 naming the file, the key and the problem',
    async (name, text, message) => {
      const cwd = await workdir(`bad-${name.replace(/\W+/g, '-')}`, text);
      const r = await cli(['score', snapshot], { cwd });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    },
  );

  it('a missing --config file is exit 2', async () => {
    const r = await cli(['score', snapshot, '--config', 'nope.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('exposure: nope.json: no such file or folder\n');
  });
});
