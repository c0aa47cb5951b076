/** @exposure/report as a library: run the CLI in-process, or reuse its pieces. */
export { run, createProgram } from './program.js';
export { ExitCode, UsageError, PartialFailure } from './exit-codes.js';
export { processIo, memoryIo, type CliIo, type OutputStream } from './io.js';
export { defaultDeps, type CliDeps, type DemoHistory, type Renderer } from './deps.js';
export { evaluate, demoDigest, type Evaluation, type SourceOptions } from './commands/evaluate.js';
export { scoreSummary } from './commands/score-summary.js';
export { StagedDir, checkOutDir, SITE_MARKER, type OutputFile } from './output/staged-dir.js';
export { exposureJson } from './output/exposure-json.js';
export { reportSchemaPath, REPORT_SCHEMA_FILE } from './output/report-schema.js';
