// Runs a Node ESM entry point in this process and reports its wall time and peak RSS on fd 3
// (or stderr), with its CPU time, so the benchmark can measure a CLI run without external tools.
import { pathToFileURL } from 'node:url';
import { writeSync } from 'node:fs';

const [entry, ...args] = process.argv.slice(2);
const started = performance.now();
process.argv = [process.argv[0], entry, ...args];
process.on('exit', (code) => {
  const cpu = process.cpuUsage();
  const line =
    JSON.stringify({
      ms: Math.round(performance.now() - started),
      // CPU time of every thread (user + system): on a loaded shared machine it varies far less
      // than the wall time, which depends on what the other processes do meanwhile.
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      // The kernel's share apart: writing a 900 MB site is mostly system time, which the disk
      // and the page cache decide, not our code.
      userMs: Math.round(cpu.user / 1000),
      systemMs: Math.round(cpu.system / 1000),
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
