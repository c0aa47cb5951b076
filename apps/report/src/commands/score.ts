/** `exposure score`: the organization's exposure at a glance, or exposure.json on stdout. */
import type { CliDeps } from '../deps.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { resolve } from 'node:path';
import { writeHistoryFolder } from '@exposure/ingest';
import { exposureJson } from '../output/exposure-json.js';
import { createProgress } from '../progress.js';
import { evaluate, type SourceOptions } from './evaluate.js';
import { reportGates, type GateOptions } from './gates.js';
import { printWarnings } from './report.js';
import { scoreSummary } from './score-summary.js';
import { scoreWithDuckdb, type Engine } from './sql-engine.js';

export interface ScoreOptions extends SourceOptions, GateOptions {
  json?: boolean;
  quiet?: boolean;
  /** `--engine duckdb`: the numbers computed by the model as SQL (see sql-engine.ts). */
  engine?: Engine;
}

export async function runScore(
  paths: readonly string[],
  options: ScoreOptions,
  context: { io: CliIo; deps: CliDeps },
): Promise<ExitCode> {
  const progress = createProgress(context.io.stderr, !options.quiet);
  try {
    const historyDir =
      typeof options.history === 'string' ? resolve(context.io.cwd, options.history) : undefined;
    let evaluation = await evaluate(paths, options, context.deps, progress, {
      ...(historyDir !== undefined && { historyDir }),
    });
    if (options.engine === 'duckdb') evaluation = await scoreWithDuckdb(evaluation, context.deps);
    const { document, demo } = evaluation;
    if (historyDir !== undefined && !demo) await writeHistoryFolder(historyDir, evaluation.history);
    progress.stop();
    printWarnings(context.io, evaluation.warnings);
    context.io.stdout.write(
      options.json ? exposureJson(document) : scoreSummary(document, { demo }),
    );
    return reportGates(document, options, context.io.stderr) ? ExitCode.gate : ExitCode.ok;
  } finally {
    progress.stop();
  }
}
