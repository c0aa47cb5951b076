#!/usr/bin/env node
import { processIo } from './io.js';
import { removeStagedDirsSync } from './output/staged-dir.js';
import { run } from './program.js';

// An interrupted run must not leave its hidden staging folder beside --out.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    removeStagedDirsSync();
    process.exit(code);
  });
}

// `exposure score --json | head` closes the pipe early: that is the reader's choice, not a crash.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  removeStagedDirsSync();
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await run(process.argv.slice(2), processIo());
