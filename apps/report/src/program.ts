/**
 * The command line: commander definitions, help texts, and the mapping of every failure to an
 * exit code and a one-line message. `run` never calls process.exit, so it can be tested
 * in-process and embedded.
 */
import { readFileSync } from 'node:fs';
import { setInputLimits } from '@exposure/ingest';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { mergeConfig, type ConfigurableOptions } from './config/apply-config.js';
import { loadConfig } from './config/config-file.js';
import { runReport, type ReportOptions } from './commands/report.js';
import { runScore, type ScoreOptions } from './commands/score.js';
import { runExport, type ExportOptions } from './commands/export.js';
import { ENGINES } from './commands/sql-engine.js';
import { defaultDeps, type CliDeps } from './deps.js';
import {
  ExitCode,
  PartialFailure,
  UsageError,
  formatInputError,
  isInputError,
} from './exit-codes.js';
import { processIo, type CliIo } from './io.js';
import { safeStream } from './terminal-text.js';

function packageVersion(): string {
  // ../package.json from both src/ (tests) and dist/ (the installed CLI).
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

const INPUTS_HELP =
  'Files or folders in any supported format (Defender, Trivy, Grype, OSV-Scanner, CycloneDX, SARIF, ' +
  'npm audit, native exposure-snapshot/1), gzip or not, detected from content. Each file is an ' +
  'observation at its own time (else its dated folder, --as-of, or its modification time); each ' +
  'device counts with its latest observation, and every day with one is a trend point. No inputs: ' +
  'the bundled demo fleet.';

const EXIT_CODES_HELP = `
Exit codes:
  0  done
  1  failure (disk, renderer, Chromium, a bug); with --pdf: the site was written but the PDF was not
  2  bad usage or bad input; the message names the file, the place and the problem
  3  a gate (--fail-on, --max-score, --fail-on-overdue, --fail-on-new-kev) was crossed: the output
     is complete, and stderr says which gate and by what`;

const CONFIG_HELP = `
Configuration: exposure.config.json in the working folder (or --config FILE; --no-config for
none) sets organization, language, feeds, assets, exceptions, sla, history, gates and
classification (schema: exposure-config-1.schema.json). Options given here win; paths in the file
are relative to it.`;

function parseScore(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100)
    throw new InvalidArgumentError('should be a number from 0 to 100.');
  return n;
}

function parseMib(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError('should be a positive number of MiB.');
  return n;
}

const LIMITS_HELP = `
Limits (a file over one is refused with exit 2, naming the file and the limit; decompressed sizes):
  --max-document-mb  a JSON document read whole (default 256; EXPOSURE_MAX_DOCUMENT_MB)
  --max-input-mb     a streamed input: JSON lines, CSV, native snapshots (default 8192; EXPOSURE_MAX_INPUT_MB)
  --max-line-mb      one line of a JSON-lines file or one CSV record (default 16; EXPOSURE_MAX_LINE_MB)`;

function sourceOptions(cmd: Command): Command {
  return cmd
    .hook('preAction', (command) => {
      // The limits are the process's reading policy: set before anything is read, every run
      // (an embedded CLI run after another one must not inherit its options).
      const o = command.opts<{ maxDocumentMb?: number; maxInputMb?: number; maxLineMb?: number }>();
      setInputLimits({ document: o.maxDocumentMb, input: o.maxInputMb, line: o.maxLineMb });
    })
    .addHelpText('after', LIMITS_HELP)
    .option('--org <name>', 'organization name shown in the report (overrides the inputs)')
    .option('--assets <file>', 'asset inventory CSV (device, group, value, owner)')
    .option('--kev <file>', 'CISA KEV catalog, JSON or CSV (known exploited vulnerabilities)')
    .option('--epss <file>', 'FIRST EPSS scores CSV, gzip or not')
    .option(
      '--as-of <time>',
      'score the fleet as of this date (end of that UTC day) or date-time; also the time of inputs that carry none (default: the latest observation)',
    )
    .option(
      '--history <dir>',
      'keep the history (exposure-history/1) in this folder: the trend carries forward between runs',
    )
    .option('--no-history', 'neither read nor write a history')
    .option(
      '--rebuild-history',
      'start the history again from these inputs (needed to add inputs older than its last day)',
    )
    .option(
      '--exceptions <file>',
      'accepted risks, CSV or JSON (weakness or *, device, group, software, reason, owner, expires, approvedBy)',
    )
    .option('--config <file>', 'configuration file (default: ./exposure.config.json when present)')
    .option('--no-config', 'read no configuration file')
    .addOption(
      new Option(
        '--fail-on <level>',
        "exit 3 when the organization's level is this or above",
      ).choices(['low', 'medium', 'high']),
    )
    .option('--max-score <n>', 'exit 3 when the exposure score is above N (0-100)', parseScore)
    .option('--fail-on-overdue', 'exit 3 when an open weakness is past its remediation deadline')
    .option(
      '--fail-on-new-kev',
      'exit 3 when a known exploited (KEV) weakness is open that was not at the previous point',
    )
    .option('--max-document-mb <MiB>', 'refuse a JSON document larger than this', parseMib)
    .option('--max-input-mb <MiB>', 'refuse a streamed input larger than this', parseMib)
    .option('--max-line-mb <MiB>', 'refuse a line or CSV record longer than this', parseMib);
}

/** The options with the configuration file merged in (the command line wins). */
async function configured<T extends ConfigurableOptions & { config?: string | false }>(
  options: T,
  command: Command,
  io: CliIo,
): Promise<T> {
  const loaded = await loadConfig(options.config, io.cwd);
  // The loaders open relative paths from the process's folder; when that is not io.cwd (the CLI
  // embedded in another process), the file's paths stay absolute.
  const base = io.cwd === process.cwd() ? io.cwd : undefined;
  return mergeConfig(options, (key) => command.getOptionValueSource(key) === 'cli', loaded, base);
}

export function createProgram(
  io: CliIo,
  deps: CliDeps,
  setExitCode: (code: ExitCode) => void,
): Command {
  const program = new Command('exposure')
    .description("One honest exposure score for an organization's devices, and what to fix first.")
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(s.replace(/^error: /, 'exposure: ')),
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP);

  sourceOptions(
    program
      .command('score')
      .description(
        'print the exposure score, its change, device levels and the top recommendations',
      )
      .argument('[inputs...]', INPUTS_HELP)
      .option('--json', 'print exposure.json (schema exposure-report/1) instead of the summary')
      .option('-q, --quiet', 'no progress line on stderr')
      .addOption(engineOption()),
  )
    .addHelpText(
      'after',
      `
Examples:
  exposure score                                  the bundled demo fleet
  exposure score scans/ --kev kev.json --epss epss.csv.gz
  exposure score 2026-10-01/ 2026-11-01/ --json > exposure.json
  exposure score scans/ --exceptions accepted.csv --fail-on high --fail-on-overdue
${CONFIG_HELP}
${EXIT_CODES_HELP}`,
    )
    .action(async (inputs: string[], options: ScoreOptions, command: Command) => {
      setExitCode(await runScore(inputs, await configured(options, command, io), { io, deps }));
    });

  sourceOptions(
    program
      .command('report')
      .description(
        'write the static report site, exposure.json and, with --pdf, report.pdf into a folder',
      )
      .argument('[inputs...]', INPUTS_HELP)
      .requiredOption(
        '-o, --out <dir>',
        'folder to write; replaced as a whole, only if empty or a previous Exposure site',
      )
      .option('--pdf', 'also print report.pdf into the folder (needs Chromium or Chrome)')
      .addOption(engineOption()),
  )
    .addOption(
      new Option('--paper <size>', 'PDF paper size').choices(['a4', 'letter']).default('a4'),
    )
    .addOption(
      new Option(
        '--pdf-detail <detail>',
        'PDF content: summary (an executive report of about five pages) or full (every recommendation, device at high exposure, weakness and file)',
      )
        .choices(['summary', 'full'])
        .default('full'),
    )
    .option(
      '--classification <text>',
      'classification line on the PDF\'s cover and on every page ("Confidential"); also the configuration\'s classification',
    )
    .option(
      '--chrome <path>',
      'Chromium or Chrome to print with (default: CHROME_PATH, then the usual places)',
    )
    .addOption(
      new Option('--lang <lang>', 'language of the site and the PDF')
        .choices(['en', 'nl'])
        .default('en'),
    )
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      `
Examples:
  exposure report --out site                      the bundled demo fleet
  exposure report scans/ --kev kev.json --out /var/www/exposure --pdf --paper letter
  exposure report 2026-*/ --out site --lang nl --org "Gemeente Utrecht"

The folder is written all at once: a failed run leaves the previous site as it was. With --pdf and
no Chromium (or a failed print), the site is still written, without report.pdf, and the exit code
is 1; install Chromium (apt-get install chromium) or pass --chrome PATH.
${CONFIG_HELP}
${EXIT_CODES_HELP}`,
    )
    .action(async (inputs: string[], options: ReportOptions, command: Command) => {
      setExitCode(await runReport(inputs, await configured(options, command, io), { io, deps }));
    });

  sourceOptions(
    program
      .command('export')
      .description(
        'write the fleet state as devices, weaknesses, findings and recommendations Parquet tables',
      )
      .argument('[inputs...]', INPUTS_HELP)
      .requiredOption(
        '--parquet <dir>',
        'folder to write the tables to; replaced as a whole, only if empty or written by Exposure',
      )
      .option('-q, --quiet', 'print nothing but errors'),
  )
    .addHelpText(
      'after',
      `
Examples:
  exposure export scans/ --parquet lake/exposure     the state as of the latest observation
  exposure export 2026-*/ --as-of 2026-11-01 --parquet lake/2026-11-01

The tables and their columns: docs/parquet.md. They are what \`--engine duckdb\` scores, and what
the model as SQL (Spark SQL, Trino, DuckDB) reads in a data lake.
${CONFIG_HELP}
${EXIT_CODES_HELP}`,
    )
    .action(async (inputs: string[], options: ExportOptions, command: Command) => {
      setExitCode(await runExport(inputs, await configured(options, command, io), { io, deps }));
    });

  return program;
}

function engineOption(): Option {
  return new Option(
    '--engine <engine>',
    'what computes the scores and impacts: the TypeScript engine, or the model as SQL on DuckDB (from Parquet, out of core)',
  )
    .choices(ENGINES)
    .default('default');
}

/** Turns a thrown error into its message on stderr and the exit code. */
function failure(e: unknown, io: CliIo): ExitCode {
  if (e instanceof CommanderError) {
    // commander has printed its own message (or the help/version text) already.
    return e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (isInputError(e)) {
    io.stderr.write(`exposure: ${formatInputError(e)}\n`);
    return ExitCode.usage;
  }
  if (e instanceof UsageError) {
    io.stderr.write(`exposure: ${e.message}\n`);
    return ExitCode.usage;
  }
  const message = e instanceof Error ? e.message : String(e);
  io.stderr.write(`exposure: ${message}\n`);
  if (!(e instanceof PartialFailure) && e instanceof Error && io.env.EXPOSURE_DEBUG)
    io.stderr.write(`${e.stack}\n`);
  return ExitCode.failure;
}

/** Runs the CLI on `argv` (without node and the script) and resolves to the exit code. */
export async function run(
  argv: readonly string[],
  io: CliIo = processIo(),
  deps: CliDeps = defaultDeps,
): Promise<ExitCode> {
  let code: ExitCode = ExitCode.ok;
  // Every byte the CLI prints goes through the one sanitizer (see terminal-text.ts).
  io = { ...io, stdout: safeStream(io.stdout), stderr: safeStream(io.stderr) };
  try {
    await createProgram(io, deps, (c) => (code = c)).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    return failure(e, io);
  }
}
