import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocument, makeSnapshot } from './make-document.js';
import { checkSite } from './site-check.js';

const app = fileURLToPath(new URL('..', import.meta.url));
// Outside any node_modules: the bundle must carry everything but `vscode`.
const work = mkdtempSync(join(tmpdir(), 'exposure-bundle-'));
const dist = join(work, 'extension', 'dist');

/**
 * Runs in a plain Node child: injects the fake `vscode`, counts file and network access, times
 * `require()` and `activate()`, then waits for the first load and reports what the status bar says.
 */
const PROBE = String.raw`
const Module = require('node:module');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const [bundle, fakePath, l10n, source] = process.argv.slice(2);
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? fakePath : resolve.call(this, request, ...rest);
};
let io = 0;
for (const [target, names] of [[fs, ['readFileSync', 'readFile', 'statSync', 'stat', 'openSync', 'open', 'watch']], [fsp, ['readFile', 'stat', 'open']]]) {
  for (const name of names) {
    const original = target[name];
    target[name] = function (...args) { io++; return original.apply(this, args); };
  }
}
const fetchOriginal = globalThis.fetch;
globalThis.fetch = (...args) => { io++; return fetchOriginal(...args); };
const { fake } = require(fakePath);
fake.l10nFolder = l10n;
fake.settings.set('exposure.source', source);
const cpuMs = (since) => { const c = process.cpuUsage(since); return (c.user + c.system) / 1000; };
const c0 = process.cpuUsage();
const t0 = performance.now();
const extension = require(bundle);
const t1 = performance.now();
const requireCpuMs = cpuMs(c0);
const c1 = process.cpuUsage();
const ioBefore = io;
const context = { subscriptions: [] };
extension.activate(context);
const t2 = performance.now();
const activateCpuMs = cpuMs(c1);
const ioDuringActivate = io - ioBefore;
const textAtActivation = fake.statusBarItems[0] && fake.statusBarItems[0].text;
const started = performance.now();
const timer = setInterval(() => {
  const state = fake.context.get('exposure.state');
  if (state !== 'ready' && state !== 'error' && performance.now() - started < 15000) return;
  clearInterval(timer);
  const firstLoadMs = performance.now() - started;
  const result = {
    requireMs: t1 - t0, activateMs: t2 - t1, requireCpuMs, activateCpuMs, ioDuringActivate, textAtActivation, firstLoadMs,
    state, text: fake.statusBarItems[0].text, commands: [...fake.commands.keys()].sort(),
    rendererLoaded: Object.keys(require.cache).some((f) => f.endsWith('report-export.js')),
    subscriptions: context.subscriptions.length,
  };
  extension.deactivate();
  result.afterDeactivate = { commands: fake.commands.size, statusDisposed: fake.statusBarItems[0].disposed };
  console.log(JSON.stringify(result));
}, 5);
`;

let result: Record<string, unknown>;
const ms = (x: unknown) => Number(x).toFixed(1);

beforeAll(async () => {
  execFileSync(process.execPath, [join(app, 'esbuild.mjs'), '--outdir', dist], {
    cwd: app,
    stdio: 'pipe',
  });
  await build({
    entryPoints: [join(app, 'test/fake-vscode.ts')],
    outfile: join(work, 'fake-vscode.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'silent',
  });
  writeFileSync(join(work, 'probe.cjs'), PROBE);
  writeFileSync(join(work, 'exposure.json'), JSON.stringify(makeDocument()));
  const out = execFileSync(
    process.execPath,
    [
      join(work, 'probe.cjs'),
      join(dist, 'extension.js'),
      join(work, 'fake-vscode.cjs'),
      join(app, 'l10n'),
      join(work, 'exposure.json'),
    ],
    { cwd: work, env: { PATH: process.env['PATH'] ?? '' }, encoding: 'utf8' },
  );
  result = JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
  console.info(
    `bundle ${(statSync(join(dist, 'extension.js')).size / 1024).toFixed(0)} KiB; ` +
      `require ${ms(result['requireMs'])} ms (CPU ${ms(result['requireCpuMs'])} ms); ` +
      `activate ${ms(result['activateMs'])} ms (CPU ${ms(result['activateCpuMs'])} ms); first load ${ms(result['firstLoadMs'])} ms`,
  );
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('dist/extension.js', () => {
  it('is one self-contained CommonJS file with its schemas beside it', () => {
    // "Export Report…" keeps its renderer in the lazy bundle: what it adds to the main one (its
    // command module, as esbuild counts it) stays under 10 % of the rest.
    const sizes = JSON.parse(readFileSync(join(dist, 'bundle-sizes.json'), 'utf8')) as {
      main: number;
      exportCommand: number;
    };
    expect(sizes.main).toBe(statSync(join(dist, 'extension.js')).size);
    expect(sizes.exportCommand).toBeGreaterThan(0);
    expect(sizes.exportCommand).toBeLessThan((sizes.main - sizes.exportCommand) * 0.1);
    expect(statSync(join(dist, 'schemas', 'exposure-report-1.schema.json')).isFile()).toBe(true);
  });

  it('activates under plain Node against the fake vscode, fast and without I/O', () => {
    expect(result['ioDuringActivate']).toBe(0);
    // CPU time, not wall time: a busy CI machine must not make this flaky.
    expect(result['activateCpuMs']).toBeLessThan(50);
    expect(result['textAtActivation']).toBe('$(loading~spin) Exposure');
    expect(result['subscriptions']).toBe(1);
    expect(result['commands']).toContain('exposure.refresh');
  });

  it('loads and validates the source after activation, then deactivates cleanly', () => {
    expect(result['state']).toBe('ready');
    expect(result['text']).toBe('$(shield) Exposure 42 · Medium ▲3');
    expect(result['afterDeactivate']).toEqual({ commands: 0, statusDisposed: true });
    // Activating and showing a source never loads the second bundle: only Export Report… does.
    expect(result['rendererLoaded']).toBe(false);
  });
});

/** Runs in a plain Node child: the lazy bundle alone exports a report of a snapshot. */
const EXPORT_PROBE = String.raw`
const [bundle, input, out] = process.argv.slice(2);
const phases = [];
require(bundle)
  .exportReport({ inputs: [input], folder: out, chromePath: '', lang: 'nl', cwd: process.cwd(), env: {},
    onProgress: (p) => { if (phases[phases.length - 1] !== p.phase) phases.push(p.phase); } })
  .then((r) => console.log(JSON.stringify({ ...r, phases })), (e) => { console.error(e); process.exit(1); });
`;

describe('dist/report-export.js (the renderer, loaded when the command runs)', () => {
  it('is not part of the main bundle, which loads it from beside itself', () => {
    const main = readFileSync(join(dist, 'extension.js'), 'utf8');
    // Booleans, not toContain: a failure must not print a 600 KB bundle.
    expect(main.includes('require("./report-export.js")')).toBe(true);
    expect(main.includes('import("./report-export.js")')).toBe(false);
    for (const heavy of ['vega-lite', 'Handlebars', 'puppeteer'])
      expect(main.includes(heavy), heavy).toBe(false);
  });

  it('writes a site the report accepts from its own files, with no node_modules on the path', async () => {
    writeFileSync(join(work, 'export-probe.cjs'), EXPORT_PROBE);
    writeFileSync(join(work, 'snapshot.json'), JSON.stringify(makeSnapshot()));
    const out = join(work, 'exported');
    const stdout = execFileSync(
      process.execPath,
      [
        join(work, 'export-probe.cjs'),
        join(dist, 'report-export.js'),
        join(work, 'snapshot.json'),
        out,
      ],
      // No CHROME_PATH and no PATH: the PDF is printed only where Chromium is in a usual place.
      { cwd: work, env: {}, encoding: 'utf8' },
    );
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(result['code']).toBe(0);
    expect(result['phases']).toEqual(
      result['chrome']
        ? ['reading', 'scoring', 'rendering', 'writing', 'pdf', 'writing']
        : ['reading', 'scoring', 'rendering', 'writing'],
    );
    const site = await checkSite(out);
    expect(site.schemaErrors).toEqual([]);
    expect(site.marker).toBe(true);
    expect(site.brokenLinks).toEqual([]);
    // Dutch pages from the bundled templates and messages, and the stylesheet beside them.
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('lang="nl"');
    expect(site.files).toContain('assets/report.css');
    expect(site.files).toContain('exposure-report-1.schema.json');
  }, 60_000);
});
