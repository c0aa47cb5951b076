/**
 * "Exposure: Export Report…", the heavy half: runs the Exposure CLI's own `exposure report` in the
 * extension host (the same evaluation, renderer, output-folder rules and PDF printing as on the
 * command line; nothing here renders or scores), and reports its progress.
 *
 * esbuild bundles this file on its own (dist/report-export.js, with vega, handlebars and
 * puppeteer-core), and the main bundle loads it with a dynamic import only when the command runs:
 * activation never pays for the renderer.
 */
import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import {
  checkOutDir,
  defaultDeps,
  ExitCode,
  memoryIo,
  run,
  UsageError,
  type CliDeps,
  type Renderer,
} from '@exposure/report';

export type ExportPhase = 'reading' | 'scoring' | 'rendering' | 'pdf' | 'writing';

export interface ExportProgress {
  phase: ExportPhase;
  /** Pages rendered so far, and how many there are (rendering only). */
  done?: number;
  total?: number;
}

export interface ExportRequest {
  /** Input files or folders (absolute); none: the bundled demo fleet, as `exposure report` without inputs. */
  inputs: readonly string[];
  /** The folder the user picked. */
  folder: string;
  /** The `exposure.chromePath` setting; empty: look in the usual places. */
  chromePath: string;
  lang: 'en' | 'nl';
  /** The folder the CLI runs in (the workspace folder): `--out` may not be it or a parent of it. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  onProgress?: (progress: ExportProgress) => void;
}

export interface ExportResult {
  /** The CLI's exit code: 0 written; 1 the site was written but the PDF was not, or a failure; 2 refused. */
  code: ExitCode;
  /** The folder written (the picked one, or `exposure-report` inside it). */
  out: string;
  /** index.html of the written site, or null when nothing was written. */
  index: string | null;
  /** report.pdf, when printed. */
  pdf: string | null;
  /** The Chromium the PDF was printed with; null when none was found (then only the site). */
  chrome: string | null;
  /** What the CLI printed: `Wrote N files to … : exposure score …` */
  summary: string;
  /** Its warnings and errors, without the `exposure: ` prefix. */
  messages: string[];
}

/** Where a picked folder that is not Exposure's to replace gets the report instead. */
export const REPORT_SUBFOLDER = 'exposure-report';

/**
 * The folder to pass as `--out`: the picked one when the CLI may replace it (missing, empty, or a
 * site it wrote before); else a folder of its own inside it. The CLI checks that one again.
 */
export async function outFolder(picked: string, cwd: string): Promise<string> {
  try {
    await checkOutDir(picked, cwd);
    return picked;
  } catch (e) {
    if (e instanceof UsageError) return join(picked, REPORT_SUBFOLDER);
    throw e;
  }
}

/** The Chromium for the PDF: the setting (which must exist), then the renderer's usual places. */
export async function chromeFor(
  setting: string,
  env: NodeJS.ProcessEnv,
  renderer: Pick<Renderer, 'findChrome'>,
): Promise<string | null> {
  if (setting !== '') {
    try {
      await access(setting, constants.X_OK);
    } catch {
      throw new UsageError(`exposure.chromePath: ${setting} is not an executable file`);
    }
    return setting;
  }
  return renderer.findChrome(undefined, env) ?? null;
}

/** The CLI's dependencies with every step observed for the progress notification. */
export function observedDeps(
  deps: CliDeps,
  onProgress: (progress: ExportProgress) => void,
): CliDeps {
  const scored = <T>(promise: Promise<T>) =>
    promise.then((value) => {
      onProgress({ phase: 'scoring' });
      return value;
    });
  return {
    loadInputs: (paths, options) => {
      onProgress({ phase: 'reading' });
      return scored(deps.loadInputs(paths, options));
    },
    demoHistory: () => {
      onProgress({ phase: 'reading' });
      return scored(deps.demoHistory());
    },
    loadSql: deps.loadSql,
    loadRenderer: async () => {
      const renderer = await deps.loadRenderer();
      let total = 0;
      return {
        findChrome: renderer.findChrome,
        siteFileCount: (document) => {
          total = renderer.siteFileCount(document);
          onProgress({ phase: 'rendering', done: 0, total });
          return total;
        },
        async *renderSiteFiles(input) {
          let done = 0;
          for await (const file of renderer.renderSiteFiles(input)) {
            yield file;
            onProgress({ phase: 'rendering', done: ++done, total });
          }
          onProgress({ phase: 'writing' });
        },
        renderPrintHtml: (input, options) => {
          onProgress({ phase: 'pdf' });
          return renderer.renderPrintHtml(input, options);
        },
        printPdf: async (html, options) => {
          const pdf = await renderer.printPdf(html, options);
          onProgress({ phase: 'writing' });
          return pdf;
        },
      };
    },
  };
}

/** Writes the report: `exposure report [inputs] --out DIR [--pdf --chrome C] --lang L --no-config --no-history`. */
export async function exportReport(
  request: ExportRequest,
  deps: CliDeps = defaultDeps,
): Promise<ExportResult> {
  const out = await outFolder(request.folder, request.cwd);
  const renderer = await deps.loadRenderer();
  const chrome = await chromeFor(request.chromePath, request.env, renderer);
  const io = memoryIo({ cwd: request.cwd, env: request.env });
  // No configuration file and no history: the report is of exactly what the editor shows (its
  // status bar scores the source alone), and the same source always exports the same report.
  const argv = [
    'report',
    ...request.inputs,
    '--out',
    out,
    '--lang',
    request.lang,
    '--no-config',
    '--no-history',
    ...(chrome ? ['--pdf', '--chrome', chrome] : []),
  ];
  const code = await run(argv, io, observedDeps(deps, request.onProgress ?? (() => {})));
  const summary = io.out().trim();
  // The CLI says "Wrote N files to …" once the new site is in place (also when the PDF then
  // failed); an index.html without it is the previous site, left as it was.
  const written = summary.startsWith('Wrote ');
  const pdf = join(out, 'report.pdf');
  return {
    code,
    out,
    index: written ? join(out, 'index.html') : null,
    pdf: written && chrome && (await exists(pdf)) ? pdf : null,
    chrome,
    summary,
    messages: io
      .err()
      .split('\n')
      .map((line) => line.replace(/^exposure: /, '').trim())
      .filter((line) => line !== ''),
  };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
