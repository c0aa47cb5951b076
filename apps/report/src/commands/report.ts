/**
 * `exposure report`: the static site, exposure.json (with its schema beside it) and, with --pdf,
 * report.pdf, all written into --out at once (see output/staged-dir.ts).
 *
 * When the PDF was asked for but cannot be made (no Chromium, or printing fails), the site is
 * still published, without report.pdf, and the run exits 1: the intranet page stays fresh while
 * the scheduled job is still marked as failed, with a message saying how to fix it.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { historyFiles, validateReportDocument, writeHistoryFolder } from '@exposure/ingest';
import { toPageDocument } from '@exposure/score';
import type { CliDeps, Renderer } from '../deps.js';
import { ExitCode, PartialFailure, UsageError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { exposureJson } from '../output/exposure-json.js';
import { REPORT_SCHEMA_FILE, readReportSchema } from '../output/report-schema.js';
import { openOutDir } from '../output/out-dir.js';
import { SITE_MARKER, siteMarker } from '../output/site-marker.js';
import { StagedDir } from '../output/staged-dir.js';
import { createProgress, type Progress } from '../progress.js';
import type { RenderInput } from '../render/index.js';
import { evaluate, type Evaluation, type SourceOptions } from './evaluate.js';
import { reportGates, type GateOptions } from './gates.js';
import { scoreWithDuckdb, type Engine } from './sql-engine.js';

export type Paper = 'a4' | 'letter';
export type Lang = 'en' | 'nl';

export interface ReportOptions extends SourceOptions, GateOptions {
  out: string;
  pdf?: boolean;
  paper: Paper;
  pdfDetail?: 'summary' | 'full';
  /** The PDF's classification line (--classification or the configuration file). */
  classification?: string;
  chrome?: string;
  lang: Lang;
  quiet?: boolean;
  /** `--engine duckdb`: the numbers computed by the model as SQL (see sql-engine.ts). */
  engine?: Engine;
}

export const PDF_FILE = 'report.pdf';

/** The published document, beside the pages. */
export const SITE_DOCUMENT = 'exposure.json';

/** The site's own history folder (exposure-history/1). */
export const SITE_HISTORY = 'history';

/** Everything the evaluation wants the user to know, on stderr (never in --json's stdout). */
export function printWarnings(io: CliIo, warnings: readonly string[], quiet?: boolean): void {
  if (quiet) return;
  for (const w of warnings) io.stderr.write(`exposure: warning: ${w}\n`);
}

export const NO_CHROME_HELP =
  'no Chromium or Google Chrome was found to print the PDF. Install one (Debian/Ubuntu: ' +
  'apt-get install chromium fonts-dejavu-core), or give its path with --chrome PATH or the ' +
  'CHROME_PATH environment variable.';

function checkDocument(evaluation: Evaluation): void {
  const result = validateReportDocument(evaluation.document);
  if (!result.ok) {
    // Our own output breaking our own published contract is a bug, not bad input: exit 1.
    throw new Error(
      `exposure.json does not match its schema (a bug in Exposure):\n  ${result.errors.join('\n  ')}`,
    );
  }
}

/** Prints the PDF into the staged folder; returns the problem when it could not. */
async function addPdf(
  staged: StagedDir,
  renderer: Renderer,
  input: RenderInput,
  options: ReportOptions & { chromePath: string | undefined },
  progress: Progress,
): Promise<string | undefined> {
  if (!options.chromePath) return NO_CHROME_HELP;
  progress.phase('pdf');
  try {
    const html = await renderer.renderPrintHtml(input, {
      paper: options.paper,
      detail: options.pdfDetail ?? 'full',
      ...(options.classification !== undefined && { classification: options.classification }),
    });
    const pdf = await renderer.printPdf(html, {
      chromePath: options.chromePath,
      paper: options.paper,
      ...(options.classification !== undefined && { classification: options.classification }),
      organization: input.document.organization ?? '',
      asOf: input.document.asOf,
      lang: options.lang,
    });
    await staged.write([{ path: PDF_FILE, content: pdf }]);
    return undefined;
  } catch (e) {
    return `the PDF could not be printed with ${options.chromePath}: ${e instanceof Error ? e.message : String(e)}`;
  }
}

export async function runReport(
  paths: readonly string[],
  options: ReportOptions,
  context: { io: CliIo; deps: CliDeps },
): Promise<ExitCode> {
  const { io, deps } = context;
  // Everything that can be refused is refused before minutes of reading and rendering.
  if (options.chrome !== undefined && !existsSync(options.chrome)) {
    throw new UsageError(`--chrome ${options.chrome}: no such file`);
  }
  // Checked, locked for this run and cleaned of killed runs' leftovers (see output/out-dir.ts).
  const outDir = await openOutDir(options.out, io.cwd, io.pid, namedInputs(paths, options));
  const progress = createProgress(io.stderr, !options.quiet);
  let staged: StagedDir | undefined;
  try {
    const renderer = await deps.loadRenderer();
    const chromePath = options.pdf ? renderer.findChrome(options.chrome, io.env) : undefined;
    const out = outDir.target;
    // The history lives in the site (carried into the new one with the rest) unless --history
    // names a folder of its own; --no-history neither reads nor writes one.
    const ownHistory = typeof options.history === 'string';
    const historyDir =
      options.history === false
        ? undefined
        : ownHistory
          ? resolve(io.cwd, options.history as string)
          : join(out, SITE_HISTORY);
    let evaluation = await evaluate(paths, options, deps, progress, {
      ...(historyDir !== undefined && { historyDir }),
    });
    if (options.engine === 'duckdb') evaluation = await scoreWithDuckdb(evaluation, deps);
    checkDocument(evaluation);
    printWarnings(io, evaluation.warnings, options.quiet);

    progress.phase('rendering', renderer.siteFileCount(evaluation.document));
    // Every page and the PDF are of this one value: exposure.json with its page details.
    const input: RenderInput = {
      document: toPageDocument(evaluation.document, evaluation.details()),
      lang: options.lang,
    };
    staged = await StagedDir.create(out, io.pid);
    // Pages are written as they are rendered: memory stays flat however many devices there are.
    await staged.write(counted(renderer.renderSiteFiles(input), (n) => progress.done(n)));
    await staged.write([
      { path: SITE_DOCUMENT, content: exposureJson(evaluation.document) },
      { path: SITE_MARKER, content: siteMarker(evaluation.document.schema) },
      { path: REPORT_SCHEMA_FILE, content: await readReportSchema() },
    ]);
    const keepHistory = historyDir !== undefined && !evaluation.demo;
    if (keepHistory && !ownHistory)
      await staged.write(
        historyFiles(evaluation.history).map((f) => ({
          path: `${SITE_HISTORY}/${f.path}`,
          content: f.content,
        })),
      );
    const pdfProblem = options.pdf
      ? await addPdf(staged, renderer, input, { ...options, chromePath }, progress)
      : undefined;

    progress.phase('writing');
    const fileCount = staged.files.size;
    await staged.commit();
    // A history of its own is written once the site is in place: it never runs ahead of it.
    if (keepHistory && ownHistory) await writeHistoryFolder(historyDir!, evaluation.history);
    progress.stop();
    if (!options.quiet) {
      const { score, level } = evaluation.document;
      io.stdout.write(
        `Wrote ${fileCount} files to ${options.out}: exposure score ${score.toFixed(2)} (${level})\n`,
      );
    }
    // Gates are told even when the PDF failed; that failure (exit 1) then outranks them (exit 3).
    const crossed = reportGates(evaluation.document, options, io.stderr);
    if (pdfProblem)
      throw new PartialFailure(
        `${pdfProblem}\nThe site was written to ${options.out} without ${PDF_FILE}.`,
      );
    return crossed ? ExitCode.gate : ExitCode.ok;
  } finally {
    progress.stop();
    await staged?.discard();
    await outDir.release();
  }
}

/** Every file or folder the run reads, with the option that named it (for checkInputsOutside). */
export function namedInputs(
  paths: readonly string[],
  options: SourceOptions,
): Array<{ option: string; path: string }> {
  const named = paths.map((path) => ({ option: 'the input', path }));
  for (const key of ['kev', 'epss', 'assets', 'exceptions', 'config'] as const) {
    const value = (options as unknown as Record<string, unknown>)[key];
    if (typeof value === 'string') named.push({ option: `--${key}`, path: value });
  }
  if (typeof options.history === 'string')
    named.push({ option: '--history', path: options.history });
  return named;
}

/** Passes files through, telling `onCount` how many have gone by (a file's later parts not). */
async function* counted<T extends { append?: boolean }>(
  files: AsyncIterable<T>,
  onCount: (n: number) => void,
): AsyncGenerator<T> {
  let n = 0;
  for await (const file of files) {
    yield file;
    if (!file.append) onCount(++n);
  }
}
