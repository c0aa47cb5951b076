import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, handSnapshot, tempDir, testDeps, writeJson } from './helpers.js';

let dir: string;
let snapshot: string;
beforeAll(async () => {
  dir = await tempDir();
  snapshot = await writeJson(join(dir, 'snap.json'), handSnapshot());
});

const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

describe('exposure: arguments and exit codes', () => {
  it('prints the version and exits 0', async () => {
    const r = await cli(['--version'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('prints help for the program and both commands, with exit codes, and exits 0', async () => {
    const top = await cli(['--help'], { cwd: dir });
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/score \[options\] \[inputs\.\.\.\]/);
    expect(top.stdout).toMatch(/report \[options\] \[inputs\.\.\.\]/);
    expect(top.stdout).toMatch(/Exit codes:/);
    const report = await cli(['report', '--help'], { cwd: dir });
    expect(report.code).toBe(0);
    for (const option of [
      '--out',
      '--pdf',
      '--paper',
      '--chrome',
      '--lang',
      '--quiet',
      '--org',
      '--assets',
      '--kev',
      '--epss',
    ]) {
      expect(report.stdout).toContain(option);
    }
    expect(report.stdout).toMatch(/apt-get install chromium/);
    const score = await cli(['score', '--help'], { cwd: dir });
    expect(score.code).toBe(0);
    expect(score.stdout).toContain('--json');
  });

  it.each([
    [['score', '--bogus'], /unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['report'], /required option '-o, --out <dir>' not specified/],
    [['report', '--out'], /argument missing/],
    [['report', '--out', 'x', '--paper', 'a5'], /a5.*Allowed choices are a4, letter/s],
    [['report', '--out', 'x', '--lang', 'fr'], /Allowed choices are en, nl/],
    [[], /Usage: exposure/],
  ])('exits 2 on bad usage: %j', async (args, message) => {
    const r = await cli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('exits 2 when a feed option is given without inputs (the demo carries its own)', async () => {
    const r = await cli(['score', '--kev', 'kev.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^exposure: --kev needs inputs/);
  });

  it('exits 2 and names the file on bad input', async () => {
    const bad = join(dir, 'truncated.json');
    await writeJson(bad, handSnapshot());
    const text = readFileSync(bad, 'utf8');
    writeFileSync(bad, text.slice(0, text.length / 2));
    const r = await cli(['score', bad], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^exposure: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(line \\d+, column \\d+\\): .*truncated`,
      ),
    );
  });

  it('exits 2 on an input that does not exist', async () => {
    const r = await cli(['score', join(dir, 'nope.json')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.json');
  });

  it('exits 1 with the message on an unexpected failure, and the stack only with EXPOSURE_DEBUG', async () => {
    const deps = testDeps({
      // eslint-disable-next-line require-yield -- a renderer that fails before its first page
      renderSiteFiles: async function* () {
        throw new Error('template exploded');
      },
    });
    const out = join(dir, 'site-fail');
    const plain = await cli(['report', snapshot, '--out', out], { cwd: dir, deps });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toBe('exposure: template exploded\n');
    const debug = await cli(['report', snapshot, '--out', out], {
      cwd: dir,
      deps,
      env: { EXPOSURE_DEBUG: '1' },
    });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/template exploded\n\s*at /);
  });
});
