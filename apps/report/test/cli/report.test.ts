import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { messages } from '@exposure/ingest';
import { cli, handSnapshot, readTree, tempDir, testDeps, writeJson } from './helpers.js';

let dir: string;
let input: string;
let out: string;
beforeEach(async () => {
  dir = await tempDir();
  input = await writeJson(join(dir, 'in', 'snap.json'), handSnapshot());
  out = join(dir, 'site');
});

/**
 * Nothing but `site` and the one version it links to (and the inputs) may remain beside --out: no
 * staging folder, backup, old version or lock.
 */
async function siblings(): Promise<string[]> {
  const names = (await readdir(dirname(out))).filter((n) => n !== 'in').sort();
  const versions = names.filter((n) => n.startsWith('.site.site-'));
  if (versions.length === 1) expect(await readlink(out)).toBe(versions[0]);
  return names.map((n) => (n.startsWith('.site.site-') ? '.site.site-V' : n));
}

describe('exposure report: output', () => {
  it('writes the site, exposure.json and its schema into --out', async () => {
    const r = await cli(['report', input, '--out', out], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Wrote 8 files to ${out}: exposure score 13.06 (low)\n`);
    const tree = await readTree(out);
    expect([...tree.keys()].sort().map((k) => k.replace(/state-[0-9a-f]+/, 'state-X'))).toEqual([
      '.exposure-site',
      'assets/logo.bin',
      'devices/d1.html',
      'exposure-report-1.schema.json',
      'exposure.json',
      'history/history.json',
      'history/state-X.json',
      'index.html',
    ]);
    expect(tree.get('index.html')!.toString()).toBe('<h1>13.06 en</h1>');
    expect(tree.get('devices/d1.html')!.toString()).toBe('<p>2 findings</p>');
    expect([...tree.get('assets/logo.bin')!]).toEqual([0, 1, 2, 255]);
    // The same document as `exposure score --json`, but for the history the site keeps.
    const json = await cli(['score', input, '--json'], { cwd: dir });
    const published = JSON.parse(tree.get('exposure.json')!.toString()) as { history: unknown };
    expect(published.history).toEqual({ days: 1, from: '2026-11-01', retentionDays: 400 });
    expect({ ...published, history: null }).toEqual(JSON.parse(json.stdout));
    expect(JSON.parse(tree.get('exposure-report-1.schema.json')!.toString())).toMatchObject({
      title: expect.stringContaining('exposure-report/1'),
    });
    expect(await siblings()).toEqual(['.site.site-V', 'site']);
  });

  it('passes --lang and --paper to the renderer and puts report.pdf in the folder', async () => {
    const chrome = join(dir, 'chrome');
    await writeFile(chrome, '');
    const calls: unknown[] = [];
    const deps = testDeps({
      findChrome: (explicit) => explicit,
      printPdf: async (html, options) => {
        calls.push({ html, ...options });
        return new TextEncoder().encode('%PDF fake');
      },
    });
    const r = await cli(
      [
        'report',
        input,
        '--out',
        out,
        '--pdf',
        '--chrome',
        chrome,
        '--paper',
        'letter',
        '--lang',
        'nl',
        '--quiet',
      ],
      { cwd: dir, deps },
    );
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(calls).toEqual([
      {
        html: '<html>2026-11-01T00:00:00.000Z letter full -</html>',
        chromePath: chrome,
        paper: 'letter',
        organization: 'Contoso',
        asOf: '2026-11-01T00:00:00.000Z',
        lang: 'nl',
      },
    ]);
    expect(await readFile(join(out, 'report.pdf'), 'utf8')).toBe('%PDF fake');
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('<h1>13.06 nl</h1>');
  });

  it("passes --pdf-detail and --classification (or the configuration file's) to the PDF", async () => {
    const chrome = join(dir, 'chrome');
    await writeFile(chrome, '');
    const calls: Array<{ html: string; classification?: string }> = [];
    const deps = testDeps({
      findChrome: (explicit) => explicit,
      printPdf: async (html, options) => {
        calls.push({ html, ...options });
        return new TextEncoder().encode('%PDF fake');
      },
    });
    const args = ['report', input, '--out', out, '--pdf', '--chrome', chrome, '--quiet'];
    expect(
      await cli([...args, '--pdf-detail', 'summary', '--classification', 'Confidential'], {
        cwd: dir,
        deps,
      }),
    ).toEqual({ code: 0, stdout: '', stderr: '' });
    await writeFile(
      join(dir, 'exposure.config.json'),
      JSON.stringify({ classification: 'TLP:AMBER' }),
    );
    try {
      expect((await cli(args, { cwd: dir, deps })).code).toBe(0);
    } finally {
      await rm(join(dir, 'exposure.config.json'));
    }
    expect(calls.map((c) => [c.html, c.classification])).toEqual([
      ['<html>2026-11-01T00:00:00.000Z a4 summary Confidential</html>', 'Confidential'],
      ['<html>2026-11-01T00:00:00.000Z a4 full TLP:AMBER</html>', 'TLP:AMBER'],
    ]);
    const bad = await cli([...args, '--pdf-detail', 'short'], { cwd: dir, deps });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--pdf-detail.*short.*summary, full/s);
  });

  it('without Chromium, still writes the site (no report.pdf), says how to get one, and exits 1', async () => {
    const r = await cli(['report', input, '--out', out, '--pdf'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/apt-get install chromium/);
    expect(r.stderr).toMatch(/--chrome PATH/);
    expect(r.stderr).toMatch(/CHROME_PATH/);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(existsSync(join(out, 'report.pdf'))).toBe(false);
    expect(await siblings()).toEqual(['.site.site-V', 'site']);
  });

  it('when printing fails, keeps the site, names the problem and exits 1', async () => {
    const deps = testDeps({
      findChrome: () => '/usr/bin/chromium',
      printPdf: async () => {
        throw new Error('browser crashed');
      },
    });
    const r = await cli(['report', input, '--out', out, '--pdf'], { cwd: dir, deps });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/browser crashed/);
    expect(existsSync(join(out, 'exposure.json'))).toBe(true);
  });

  it('exits 2 when --chrome names no file, before doing any work', async () => {
    const r = await cli(
      ['report', input, '--out', out, '--pdf', '--chrome', join(dir, 'no-chrome')],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--chrome .*no-chrome: no such file/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('exposure report: a failing run leaves the previous site exactly as it was', () => {
  async function previousSite(): Promise<Map<string, Buffer>> {
    const r = await cli(['report', input, '--out', out], { cwd: dir });
    expect(r.code).toBe(0);
    // A file the next run would not write: it must survive a failed run too.
    await writeFile(join(out, 'extra.txt'), 'kept');
    return readTree(out);
  }

  it('when the renderer throws', async () => {
    const before = await previousSite();
    const deps = testDeps({
      // eslint-disable-next-line require-yield -- a renderer that fails before its first page
      renderSiteFiles: async function* () {
        throw new Error('template exploded');
      },
    });
    const r = await cli(['report', input, '--out', out], { cwd: dir, deps });
    expect(r.code).toBe(1);
    expect(await readTree(out)).toEqual(before);
    expect(await siblings()).toEqual(['.site.site-V', 'site']);
  });

  it('when the renderer throws after some pages were written', async () => {
    const before = await previousSite();
    const deps = testDeps({
      renderSiteFiles: async function* () {
        for (let i = 0; i < 40; i++) yield { path: `devices/d${i}.html`, content: `page ${i}` };
        throw new Error('template exploded on device 40');
      },
    });
    const r = await cli(['report', input, '--out', out], { cwd: dir, deps });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('template exploded on device 40');
    expect(await readTree(out)).toEqual(before);
    expect(await siblings()).toEqual(['.site.site-V', 'site']);
  });

  it('when writing a file fails half-way', async () => {
    const before = await previousSite();
    const deps = testDeps({
      renderSiteFiles: async function* () {
        yield { path: 'index.html', content: 'new' };
        yield { path: '../escape.html', content: 'evil' };
      },
    });
    const r = await cli(['report', input, '--out', out], { cwd: dir, deps });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/must stay inside the output folder/);
    expect(await readTree(out)).toEqual(before);
    expect(existsSync(join(dir, 'escape.html'))).toBe(false);
    expect(await siblings()).toEqual(['.site.site-V', 'site']);
  });

  it('when an input is bad (exit 2)', async () => {
    const before = await previousSite();
    const bad = join(dir, 'in', 'bad.json');
    await writeFile(bad, '{"schema": "exposure-snapshot/1", "devices": [');
    const r = await cli(['report', bad, '--out', out], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(bad);
    expect(await readTree(out)).toEqual(before);
  });

  it('when the loader fails late with an InputError', async () => {
    const before = await previousSite();
    const deps = testDeps(
      {},
      {
        loadInputs: async () => {
          throw messages.badCsv('assets.csv', 7, 'unknown device value "urgent"');
        },
      },
    );
    const r = await cli(['report', input, '--out', out, '--assets', 'assets.csv'], {
      cwd: dir,
      deps,
    });
    expect(r).toMatchObject({
      code: 2,
      stderr: 'exposure: assets.csv (line 7): unknown device value "urgent"\n',
    });
    expect(await readTree(out)).toEqual(before);
  });

  it('replaces a previous site completely on success', async () => {
    await previousSite();
    const r = await cli(['report', input, '--out', out, '--lang', 'nl'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'extra.txt'))).toBe(false);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('<h1>13.06 nl</h1>');
    expect(await siblings()).toEqual(['.site.site-V', 'site']);
  });

  it('gives byte-identical folders on two runs', async () => {
    await cli(['report', input, '--out', out], { cwd: dir });
    const first = await readTree(out);
    await cli(['report', input, '--out', join(dir, 'site2')], { cwd: dir });
    expect(await readTree(join(dir, 'site2'))).toEqual(first);
  });
});

describe('exposure report: refuses to replace what is not an Exposure site', () => {
  it('a non-empty folder without exposure.json is refused with exit 2 and left alone', async () => {
    await mkdir(out);
    await writeFile(join(out, 'thesis.docx'), 'precious');
    const r = await cli(['report', input, '--out', out], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a previous Exposure site; refusing to replace it/);
    expect(await readTree(out)).toEqual(new Map([['thesis.docx', Buffer.from('precious')]]));
    expect(await siblings()).toEqual(['site']);
  });

  it('an empty folder is used', async () => {
    await mkdir(out);
    const r = await cli(['report', input, '--out', out], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'exposure.json'))).toBe(true);
  });

  it('a file is refused', async () => {
    await writeFile(out, 'not a folder');
    const r = await cli(['report', input, '--out', out], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/exists and is not a folder/);
  });

  it('the current folder (or a parent of it) is refused', async () => {
    const here = await cli(['report', input, '--out', '.'], { cwd: dir });
    expect(here.code).toBe(2);
    expect(here.stderr).toMatch(/current folder/);
    const parent = await cli(['report', input, '--out', dirname(dir)], { cwd: dir });
    expect(parent.code).toBe(2);
  });

  it('creates missing parent folders', async () => {
    const deep = join(dir, 'a', 'b', 'site');
    const r = await cli(['report', input, '--out', deep], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(join(deep, 'index.html'))).toBe(true);
  });
});
