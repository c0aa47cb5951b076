// Runs a Node ESM entry point in this process and reports its wall time and peak RSS on fd 3
// (or stderr), so the benchmark can measure a CLI run without external tools.
import { pathToFileURL } from 'node:url';
import { writeSync } from 'node:fs';

const [entry, ...args] = process.argv.slice(2);
const started = performance.now();
process.argv = [process.argv[0], entry, ...args];
process.on('exit', (code) => {
  const line =
    JSON.stringify({
      ms: Math.round(performance.now() - started),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      code,
    }) + '\n';
  try {
    writeSync(3, line);
  } catch {
    writeSync(2, line);
  }
});
await import(pathToFileURL(entry).href);
