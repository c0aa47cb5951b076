import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocument } from './make-document.js';

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
    expect(statSync(join(dist, 'extension.js')).size).toBeLessThan(2 * 1024 * 1024);
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
  });
});
