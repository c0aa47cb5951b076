/**
 * "Exposure: Export Report…": asks for a folder, then writes the report site (and the PDF when a
 * Chromium is found) of the source the extension shows, with a progress notification and an
 * "Open report" action. The work is the Exposure CLI's `exposure report`, in the second bundle
 * (report-export.ts), imported here only when the command runs.
 */
import { isAbsolute, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { ExposureExtension } from './exposure-extension.js';
import type { ExportPhase, ExportProgress, ExportResult } from './report-export.js';
import type { SourceSpec } from './settings.js';
import type { Translate } from './translate.js';
import type { SourceInfo } from './view-state.js';

/** What to export: the CLI's inputs (none: the demo), or why this source cannot be exported. */
export type ExportSource =
  | { inputs: string[] }
  | { refused: 'unconfigured' }
  | { refused: 'published' }
  | { refused: 'invalid'; reason: string };

/**
 * The inputs of `exposure report` for the source in effect. A published exposure.json (a URL, or
 * a file beside its site) is the output of a report already: the inputs it was made from are
 * not in it, so it has nothing to export.
 */
export function exportSource(spec: SourceSpec, shown: SourceInfo | null): ExportSource {
  switch (spec.kind) {
    case 'none':
      return { refused: 'unconfigured' };
    case 'invalid':
      return { refused: 'invalid', reason: spec.reason };
    case 'url':
      return { refused: 'published' };
    case 'demo':
      return { inputs: [] };
    case 'path':
      return shown?.kind === 'document' ? { refused: 'published' } : { inputs: [spec.path] };
  }
}

/** Where each phase starts, in percent of the notification's bar; rendering fills most of it. */
const PHASE_START: Record<ExportPhase, number> = {
  reading: 2,
  scoring: 10,
  rendering: 20,
  pdf: 80,
  writing: 95,
};

/** Turns the CLI's phases into the notification's messages and (cumulative) increments. */
export function progressReporter(
  report: (value: { message: string; increment?: number }) => void,
  t: Translate,
): (progress: ExportProgress) => void {
  const messages: Record<ExportPhase, string> = {
    reading: t('Reading the inputs…'),
    scoring: t('Scoring…'),
    rendering: t('Rendering the site…'),
    pdf: t('Printing the PDF…'),
    writing: t('Writing the folder…'),
  };
  let shown = 0;
  let last = '';
  return ({ phase, done, total }) => {
    let percent = PHASE_START[phase];
    let message = messages[phase];
    if (phase === 'rendering' && total) {
      percent += ((PHASE_START.pdf - PHASE_START.rendering) * (done ?? 0)) / total;
      message = t('Rendering the site… {0} of {1} pages', done ?? 0, total);
    }
    const increment = Math.max(0, Math.floor(percent) - shown);
    if (increment === 0 && message === last) return;
    shown += increment;
    last = message;
    report(increment > 0 ? { message, increment } : { message });
  };
}

/** The folder given to the command (a Uri, or a path from a keybinding's `args`), if any. */
function givenFolder(target: unknown, workspaceFolder: string | undefined): string | undefined {
  if (target instanceof vscode.Uri) return target.fsPath;
  if (typeof target === 'string' && target.trim() !== '') {
    const path = target.trim();
    return isAbsolute(path) ? path : resolve(workspaceFolder ?? process.cwd(), path);
  }
  return undefined;
}

export async function exportReportCommand(ext: ExposureExtension, target?: unknown): Promise<void> {
  const t = vscode.l10n.t;
  const source = exportSource(ext.store.spec, ext.shown()?.source ?? null);
  if ('refused' in source) {
    if (source.refused === 'unconfigured') {
      const choose = t('Choose Source');
      const answer = await vscode.window.showInformationMessage(
        t('Exposure has no source to export yet: choose one first.'),
        choose,
      );
      if (answer === choose) await vscode.commands.executeCommand('exposure.chooseSource');
    } else if (source.refused === 'published') {
      const open = t('Open report');
      const answer = await vscode.window.showInformationMessage(
        t(
          'The source is a published report: its site was exported when it was published. Export works on inputs (scanner reports, exports, snapshots) and on the demo.',
        ),
        open,
      );
      if (answer === open) await vscode.commands.executeCommand('exposure.openReport');
    } else {
      void vscode.window.showErrorMessage(t('The report cannot be exported: {0}', source.reason));
    }
    return;
  }
  if (running) {
    // The CLI's lock on the folder is per process, and this host is one process: one at a time.
    void vscode.window.showInformationMessage(
      t('An export is already running; wait for it to finish.'),
    );
    return;
  }
  running = true;
  try {
    await exportTo(ext, source.inputs, target);
  } finally {
    running = false;
  }
}

/** True while an export runs in this extension host. */
let running = false;

async function exportTo(ext: ExposureExtension, inputs: string[], target: unknown): Promise<void> {
  const t = vscode.l10n.t;

  const workspaceFolder = ext.workspaceFolder();
  let folder = givenFolder(target, workspaceFolder);
  if (folder === undefined) {
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      openLabel: t('Export Here'),
      title: t('Folder for the Exposure report'),
      ...(workspaceFolder ? { defaultUri: vscode.Uri.file(workspaceFolder) } : {}),
    });
    folder = picked?.[0]?.fsPath;
    if (folder === undefined) return;
  }

  const config = vscode.workspace.getConfiguration('exposure');
  const chromePath = config.get<string>('chromePath', '').trim();
  const lang = vscode.env.language.toLowerCase().startsWith('nl') ? 'nl' : 'en';
  let result: ExportResult;
  try {
    result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: t('Exposure: exporting the report'),
      },
      async (progress) => {
        progress.report({ message: t('Loading the renderer…') });
        // The second bundle: the only place the renderer, vega and puppeteer are loaded.
        const { exportReport } = await import('./report-export.js');
        return exportReport({
          inputs,
          folder,
          chromePath,
          lang,
          cwd: workspaceFolder ?? folder,
          env: process.env,
          onProgress: progressReporter((value) => progress.report(value), t),
        });
      },
    );
  } catch (error) {
    void vscode.window.showErrorMessage(
      t(
        'The report cannot be exported: {0}',
        error instanceof Error ? error.message : String(error),
      ),
    );
    return;
  }
  await tell(result, t);
}

/** The outcome, with "Open report" whenever a site was written. */
async function tell(result: ExportResult, t: Translate): Promise<void> {
  const detail = result.messages.filter((m) => !m.startsWith('warning: ')).join(' ');
  if (result.index === null) {
    void vscode.window.showErrorMessage(
      t('The report cannot be exported: {0}', detail || result.summary),
    );
    return;
  }
  const open = t('Open report');
  let answer: string | undefined;
  if (result.pdf !== null) {
    answer = await vscode.window.showInformationMessage(
      t('Report written to {0}, with report.pdf.', result.out),
      open,
    );
  } else if (result.chrome === null) {
    answer = await vscode.window.showInformationMessage(
      t(
        'Report written to {0}, without a PDF: no Chromium or Chrome was found (set exposure.chromePath).',
        result.out,
      ),
      open,
    );
  } else {
    answer = await vscode.window.showWarningMessage(
      t('Report written to {0}, but the PDF could not be printed: {1}', result.out, detail),
      open,
    );
  }
  if (answer === open) await vscode.env.openExternal(vscode.Uri.file(result.index));
}
