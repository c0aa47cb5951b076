/**
 * `exposure export --parquet DIR`: the fleet state as of --as-of (the one evaluation's, exceptions
 * applied) as devices, weaknesses, findings and recommendations Parquet tables (docs/parquet.md),
 * for a data lake or for the model as SQL on another engine.
 *
 * The folder is written like a report site (output/out-dir.ts, output/staged-dir.ts): staged
 * beside DIR, put in place in one rename, and only over an empty folder or one Exposure wrote.
 */
import { resolve } from 'node:path';
import { MODEL_VERSION, REPORT_SCHEMA } from '@exposure/score';
import type { CliDeps } from '../deps.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { openOutDir, type OutDir } from '../output/out-dir.js';
import { SITE_LAYOUT, SITE_MARKER } from '../output/site-marker.js';
import { StagedDir } from '../output/staged-dir.js';
import { createProgress } from '../progress.js';
import { evaluate, type SourceOptions } from './evaluate.js';
import { reportGates, type GateOptions } from './gates.js';
import { namedInputs, printWarnings } from './report.js';

export interface ExportOptions extends SourceOptions, GateOptions {
  parquet: string;
  quiet?: boolean;
}

/** The layout of the folder, named in tables.json. */
export const TABLES_LAYOUT = 'exposure-tables/1';

export const TABLES_MANIFEST = 'tables.json';

/**
 * The folder's marker: the site's marker format (so the output-folder rules treat the folder as
 * Exposure's own, to be replaced as a whole), saying what was written.
 */
function tablesMarker(): string {
  return (
    JSON.stringify({
      generator: 'exposure',
      layout: SITE_LAYOUT,
      report: REPORT_SCHEMA,
      tables: TABLES_LAYOUT,
      note: 'Written by `exposure export --parquet`, which replaces this folder as a whole on its next run.',
    }) + '\n'
  );
}

/** The output-folder checks speak of --out; here the folder is --parquet's. */
async function openTablesDir(
  dir: string,
  io: CliIo,
  inputs: ReturnType<typeof namedInputs>,
): Promise<OutDir> {
  try {
    return await openOutDir(dir, io.cwd, io.pid, inputs);
  } catch (e) {
    if (e instanceof UsageError)
      throw new UsageError(
        e.message.replace(/^--out /, '--parquet ').replace(/(?<!-)\bsite\b/g, 'folder'),
      );
    throw e;
  }
}

export async function runExport(
  paths: readonly string[],
  options: ExportOptions,
  context: { io: CliIo; deps: CliDeps },
): Promise<ExitCode> {
  const { io, deps } = context;
  const outDir = await openTablesDir(options.parquet, io, namedInputs(paths, options));
  const progress = createProgress(io.stderr, !options.quiet);
  let staged: StagedDir | undefined;
  try {
    // A --history is read (its carried state is part of the fleet state), never written.
    const historyDir =
      typeof options.history === 'string' ? resolve(io.cwd, options.history) : undefined;
    const evaluation = await evaluate(paths, options, deps, progress, {
      ...(historyDir !== undefined && { historyDir }),
    });
    printWarnings(io, evaluation.warnings, options.quiet);
    progress.phase('writing');
    const sql = await deps.loadSql();
    staged = await StagedDir.create(outDir.target, io.pid);
    const rows = await sql.writeParquet(
      evaluation.state.snapshot,
      evaluation.assessment.recommendations,
      staged.staging,
    );
    const { document } = evaluation;
    const manifest = {
      layout: TABLES_LAYOUT,
      model: MODEL_VERSION,
      organization: document.organization,
      asOf: document.asOf,
      inputs: document.inputs.digest,
      tables: Object.fromEntries(
        sql.TABLE_NAMES.map((name) => [name, { file: sql.PARQUET_FILES[name], rows: rows[name] }]),
      ),
    };
    await staged.write([
      { path: TABLES_MANIFEST, content: JSON.stringify(manifest, null, 2) + '\n' },
      { path: SITE_MARKER, content: tablesMarker() },
    ]);
    await staged.commit();
    progress.stop();
    if (!options.quiet)
      io.stdout.write(
        `Wrote the fleet state as of ${document.asOf} to ${options.parquet}: ` +
          sql.TABLE_NAMES.map((name) => `${rows[name]} ${name}`).join(', ') +
          '\n',
      );
    // The gates apply as to score and report: a scheduled export can fail its job (exit 3).
    return reportGates(document, options, io.stderr) ? ExitCode.gate : ExitCode.ok;
  } finally {
    progress.stop();
    await staged?.discard();
    await outDir.release();
  }
}
