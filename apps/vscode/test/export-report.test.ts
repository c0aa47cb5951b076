import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vscode from 'vscode';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultDeps } from '@exposure/report';
import { exportSource, progressReporter } from '../src/export-command.js';
import { activate, deactivate } from '../src/extension.js';
import { exportReport, REPORT_SUBFOLDER, type ExportProgress } from '../src/report-export.js';
import { bundleTranslate } from '../src/translate.js';
import { fake } from './fake-vscode.js';
import { makeDocument, makeSnapshot } from './make-document.js';
import { checkSite } from './site-check.js';

const dir = mkdtempSync(join(tmpdir(), 'exposure-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string) => join(dir, `${name}-${++n}`);

function inputsFolder(): string {
  const folder = fresh('scans');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'snapshot.json'), JSON.stringify(makeSnapshot()));
  return folder;
}

const english = bundleTranslate();
const context = () => ({ subscriptions: [] }) as unknown as vscode.ExtensionContext;

async function ready(): Promise<void> {
  await vi.waitFor(() => expect(fake.context.get('exposure.state')).toMatch(/ready|error/), {
    timeout: 10_000,
  });
}

describe('exportSource: what "Export Report…" exports', () => {
  const document = { kind: 'document', label: 'x', siteBase: null, documentPath: '/x' } as const;
  const inputs = { kind: 'inputs', label: 'x', siteBase: null, documentPath: null } as const;
  it.each([
    ['no source', { kind: 'none' } as const, null, { refused: 'unconfigured' }],
    [
      'a bad setting',
      { kind: 'invalid', label: 'x', reason: 'bad' } as const,
      null,
      { refused: 'invalid', reason: 'bad' },
    ],
    [
      'a URL',
      { kind: 'url', url: 'https://e.example/', label: 'x' } as const,
      null,
      { refused: 'published' },
    ],
    ['the demo', { kind: 'demo' } as const, null, { inputs: [] }],
    [
      'a published file',
      { kind: 'path', path: '/r/exposure.json', label: 'x' } as const,
      document,
      { refused: 'published' },
    ],
    [
      'inputs',
      { kind: 'path', path: '/scans', label: 'x' } as const,
      inputs,
      { inputs: ['/scans'] },
    ],
    [
      'inputs not read yet',
      { kind: 'path', path: '/scans', label: 'x' } as const,
      null,
      { inputs: ['/scans'] },
    ],
  ])('%s', (_, spec, shown, expected) => {
    expect(exportSource(spec, shown)).toEqual(expected);
  });
});

describe('progressReporter', () => {
  it('fills the bar once, in order, and names the pages rendered', () => {
    const reports: Array<{ message: string; increment?: number }> = [];
    const report = progressReporter((v) => reports.push(v), english);
    const steps: ExportProgress[] = [
      { phase: 'reading' },
      { phase: 'scoring' },
      { phase: 'rendering', done: 0, total: 4 },
      ...[1, 2, 3, 4].map((done) => ({ phase: 'rendering' as const, done, total: 4 })),
      { phase: 'pdf' },
      { phase: 'writing' },
    ];
    steps.forEach(report);
    expect(reports.map((r) => r.message)).toEqual([
      'Reading the inputs…',
      'Scoring…',
      'Rendering the site… 0 of 4 pages',
      'Rendering the site… 1 of 4 pages',
      'Rendering the site… 2 of 4 pages',
      'Rendering the site… 3 of 4 pages',
      'Rendering the site… 4 of 4 pages',
      'Printing the PDF…',
      'Writing the folder…',
    ]);
    const total = reports.reduce((sum, r) => sum + (r.increment ?? 0), 0);
    expect(total).toBe(95);
    expect(reports.every((r) => (r.increment ?? 0) >= 0)).toBe(true);
  });
});

describe('exportReport (the CLI pipeline, in-process)', { timeout: 60_000 }, () => {
  const noChrome = {
    ...defaultDeps,
    loadRenderer: async () => ({
      ...(await defaultDeps.loadRenderer()),
      findChrome: () => undefined,
    }),
  };

  it('writes the site with the marker into a new folder, and says no PDF was made without Chromium', async () => {
    const out = fresh('site');
    const progress: ExportProgress[] = [];
    const result = await exportReport(
      {
        inputs: [inputsFolder()],
        folder: out,
        chromePath: '',
        lang: 'en',
        cwd: dir,
        env: {},
        onProgress: (p) => progress.push(p),
      },
      noChrome,
    );
    expect(result).toMatchObject({
      code: 0,
      out,
      index: join(out, 'index.html'),
      pdf: null,
      chrome: null,
    });
    expect(result.summary).toMatch(/^Wrote \d+ files to .*: exposure score \d+\.\d\d \(\w+\)$/);
    const site = await checkSite(out);
    expect(site.schemaErrors).toEqual([]);
    expect(site.marker).toBe(true);
    expect(site.brokenLinks).toEqual([]);
    expect(site.files).toContain('index.html');
    expect(site.files).not.toContain('report.pdf');
    expect(site.files.some((f) => f.startsWith('history/'))).toBe(false);
    expect(progress.map((p) => p.phase).filter((p, i, a) => p !== a[i - 1])).toEqual([
      'reading',
      'scoring',
      'rendering',
      'writing',
    ]);
  });

  it('replaces a previous export, but writes beside (inside) a folder that is not a site', async () => {
    const inputs = inputsFolder();
    const request = { inputs: [inputs], chromePath: '', lang: 'nl' as const, cwd: dir, env: {} };
    const site = fresh('again');
    await exportReport({ ...request, folder: site }, noChrome);
    const second = await exportReport({ ...request, folder: site }, noChrome);
    expect(second.out).toBe(site);
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toContain('lang="nl"');

    const mine = fresh('mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'mine');
    const beside = await exportReport({ ...request, folder: mine }, noChrome);
    expect(beside).toMatchObject({ code: 0, out: join(mine, REPORT_SUBFOLDER) });
    expect(readFileSync(join(mine, 'notes.txt'), 'utf8')).toBe('mine');
    expect((await checkSite(join(mine, REPORT_SUBFOLDER))).marker).toBe(true);
  });

  it('refuses a Chromium setting that is not a program, naming the setting', async () => {
    await expect(
      exportReport({
        inputs: [inputsFolder()],
        folder: fresh('x'),
        chromePath: join(dir, 'no-such-chrome'),
        lang: 'en',
        cwd: dir,
        env: {},
      }),
    ).rejects.toThrow(/^exposure\.chromePath: .*no-such-chrome is not an executable file$/);
  });

  it('reports bad inputs as the CLI does (exit 2, the file and the problem), writing nothing', async () => {
    const bad = fresh('bad');
    mkdirSync(bad);
    // A Trivy report cut short: its format is known, so it is read, and refused.
    writeFileSync(
      join(bad, 'scan.json'),
      '{"SchemaVersion": 2, "ArtifactName": "web", "Results": [',
    );
    const out = fresh('never');
    const result = await exportReport(
      { inputs: [bad], folder: out, chromePath: '', lang: 'en', cwd: dir, env: {} },
      noChrome,
    );
    expect(result.code).toBe(2);
    expect(result.index).toBeNull();
    expect(result.messages.join('\n')).toContain('scan.json');
    expect(existsSync(out)).toBe(false);
  });
});

describe('Exposure: Export Report… (with the fake VS Code)', { timeout: 60_000 }, () => {
  beforeEach(() => fake.reset());
  afterEach(() => deactivate());

  it('exports the shown inputs to the picked folder, with progress, and opens the report', async () => {
    const inputs = inputsFolder();
    fake.workspaceFolders = [dir];
    fake.settings.set('exposure.source', inputs);
    // A "Chromium" that is not one: the site is still written, and the warning says why.
    const chrome = join(dir, 'not-chrome.sh');
    writeFileSync(chrome, '#!/bin/sh\nexit 3\n');
    chmodSync(chrome, 0o755);
    fake.settings.set('exposure.chromePath', chrome);
    activate(context());
    await ready();
    const shownScore = fake.statusBarItems[0]!.text;
    const picked = fresh('picked');
    mkdirSync(picked);
    fake.answers.openDialog.push(picked);
    fake.answers.message.push('Open report');

    await vscode.commands.executeCommand('exposure.exportReport');

    expect(fake.openDialogOptions[0]).toMatchObject({
      canSelectFolders: true,
      canSelectFiles: false,
    });
    expect(fake.progress).toHaveLength(1);
    expect(fake.progress[0]!.done).toBe(true);
    const messages = fake.progress[0]!.reports.map((r) => r.message);
    expect(messages[0]).toBe('Loading the renderer…');
    expect(messages).toContain('Reading the inputs…');
    expect(messages.some((m) => m?.startsWith('Rendering the site… '))).toBe(true);
    expect(messages).toContain('Printing the PDF…');
    expect(fake.warnings).toHaveLength(1);
    expect(fake.warnings[0]).toMatch(
      new RegExp(
        `^Report written to ${picked}, but the PDF could not be printed: the PDF could not be printed with ${chrome}: `,
      ),
    );
    expect(fake.opened).toEqual([pathToFileURL(join(picked, 'index.html')).href]);

    const site = await checkSite(picked);
    expect(site.schemaErrors).toEqual([]);
    expect(site.brokenLinks).toEqual([]);
    // The score the status bar shows is the score of the exported report.
    expect(shownScore).toContain(`Exposure ${site.document.display} · `);
  });

  it("writes without asking when given a folder (a keybinding's args), in the display language", async () => {
    fake.language = 'nl';
    fake.workspaceFolders = [dir];
    fake.settings.set('exposure.source', inputsFolder());
    fake.settings.set('exposure.chromePath', join(dir, 'missing-chrome'));
    activate(context());
    await ready();
    await vscode.commands.executeCommand('exposure.exportReport', fresh('given'));
    expect(fake.openDialogOptions).toEqual([]);
    expect(fake.errors).toEqual([
      `Het rapport kan niet worden geëxporteerd: exposure.chromePath: ${join(dir, 'missing-chrome')} is not an executable file`,
    ]);
  });

  it('runs one export at a time', async () => {
    fake.workspaceFolders = [dir];
    fake.settings.set('exposure.source', inputsFolder());
    activate(context());
    await ready();
    const [first, second] = [fresh('one'), fresh('two')];
    await Promise.all([
      vscode.commands.executeCommand('exposure.exportReport', first),
      vscode.commands.executeCommand('exposure.exportReport', second),
    ]);
    expect(fake.messages).toContain('An export is already running; wait for it to finish.');
    expect(fake.progress).toHaveLength(1);
    expect(existsSync(join(first, 'index.html'))).toBe(true);
    expect(existsSync(second)).toBe(false);
    // Once it has finished, the next one runs.
    await vscode.commands.executeCommand('exposure.exportReport', second);
    expect(existsSync(join(second, 'index.html'))).toBe(true);
  });

  it('asks for a source first when none is configured, and sends a published report to Open Report', async () => {
    activate(context());
    fake.answers.message.push('Choose Source');
    fake.answers.quickPick.push(undefined);
    await vscode.commands.executeCommand('exposure.exportReport');
    expect(fake.messages).toEqual(['Exposure has no source to export yet: choose one first.']);
    expect(fake.executed.map((e) => e.command)).toContain('exposure.chooseSource');
    deactivate();

    fake.reset();
    const published = fresh('published');
    mkdirSync(published);
    writeFileSync(join(published, 'exposure.json'), JSON.stringify(makeDocument()));
    fake.settings.set('exposure.source', published);
    activate(context());
    await ready();
    fake.answers.message.push('Open report');
    await vscode.commands.executeCommand('exposure.exportReport');
    expect(fake.messages[0]).toMatch(/^The source is a published report/);
    expect(fake.executed.map((e) => e.command)).toContain('exposure.openReport');
    expect(fake.progress).toEqual([]);
  });
});
