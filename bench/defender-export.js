#!/usr/bin/env node
/**
 * Throughput of the Defender export importer against the floor of any JSON-lines reader.
 *
 *   RUNS=3 node bench/defender-export.js [file=bench/data/defender-export.json.gz]
 *
 * Generates the file first when absent (bench/gen-defender-export.js, 1M lines). Each run is a
 * separate process, so that peak RSS is its own, and the fastest of RUNS runs counts:
 *   zcat      `zcat file | node` reading stdin line by line, JSON.parse per line
 *   baseline  Node gunzip + readline + JSON.parse per line (what any importer must at least do)
 *   import    the Defender export importer (@exposure/ingest, bundled from source with esbuild)
 *             into a SnapshotBuilder, then build()
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const mode = process.argv.find((a) => a.startsWith('--child='))?.slice(8);

async function parseLines(input) {
  let lines = 0;
  let bytes = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line.length === 0) continue;
    JSON.parse(line);
    lines++;
    bytes += line.length + 1;
  }
  return { lines, bytes };
}

async function child(kind, file) {
  const started = performance.now();
  let out;
  if (kind === 'zcat') out = await parseLines(process.stdin);
  else if (kind === 'baseline') out = await parseLines(createReadStream(file).pipe(createGunzip()));
  else {
    const { openSource, createContext, defenderExportLines } = await import(
      join(here, 'data', 'defender-import.bundle.mjs')
    );
    const ctx = await createContext(await openSource(file, file));
    await defenderExportLines.import(ctx);
    const imported = performance.now();
    ctx.builder.takenAt = '2023-11-03T00:00:00Z';
    const s = ctx.builder.build();
    out = {
      findings: s.findings.count,
      devices: s.devices.length,
      weaknesses: s.weaknesses.length,
      importMs: Math.round(imported - started),
    };
  }
  const ms = Math.round(performance.now() - started);
  console.log(
    JSON.stringify({
      kind,
      ms,
      cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      ...out,
    }),
  );
}

async function bundle() {
  const { build } = await import('esbuild');
  await build({
    stdin: {
      contents: [
        "export { openSource, createContext } from '../packages/ingest/src/context.ts';",
        "export { defenderExportLines } from '../packages/ingest/src/formats/defender-export.ts';",
      ].join('\n'),
      resolveDir: here,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@exposure/source'],
    outfile: join(here, 'data', 'defender-import.bundle.mjs'),
    logLevel: 'warning',
  });
}

function run(kind, file) {
  const self = fileURLToPath(import.meta.url);
  const r =
    kind === 'zcat'
      ? spawnSync('sh', ['-c', `zcat "${file}" | "${process.execPath}" "${self}" --child=zcat`], {
          encoding: 'utf8',
        })
      : spawnSync(process.execPath, [self, `--child=${kind}`, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${kind} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

if (mode) {
  await child(mode, process.argv[3]);
} else {
  const file = resolve(process.argv[2] ?? join(here, 'data', 'defender-export.json.gz'));
  if (!existsSync(file)) {
    const { generateDefenderExport } = await import('./gen-defender-export.js');
    await generateDefenderExport(1_000_000, file);
  }
  await bundle();
  // The best of a few runs: other work on the machine only ever slows a run down.
  const runs = Number(process.env.RUNS ?? 3);
  const best = (k) =>
    Array.from({ length: runs }, () => run(k, file)).reduce((a, b) => (b.ms < a.ms ? b : a));
  const results = ['zcat', 'baseline', 'import'].map(best);
  const base = results[1];
  const mb = base.bytes / 1e6;
  console.log(
    `file: ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB gzip, ${mb.toFixed(1)} MB, ${base.lines} lines)`,
  );
  for (const r of results) {
    const s = r.ms / 1000;
    const rate =
      r.findings === undefined
        ? `${Math.round(r.lines / s)} lines/s`
        : `${Math.round(r.findings / s)} findings/s`;
    console.log(
      `${r.kind.padEnd(9)} ${s.toFixed(2)} s  ${(mb / s).toFixed(1)} MB/s  ${rate}  CPU ${(r.cpuMs / 1000).toFixed(2)} s  peak RSS ${r.maxRssMB} MB` +
        (r.importMs === undefined
          ? ''
          : `  (import ${(r.importMs / 1000).toFixed(2)} s, build ${((r.ms - r.importMs) / 1000).toFixed(2)} s, ${r.devices} devices, ${r.weaknesses} weaknesses)`),
    );
  }
  const imp = results[2];
  console.log(
    `import / baseline: ${(imp.ms / base.ms).toFixed(2)}× wall, ${(imp.cpuMs / base.cpuMs).toFixed(2)}× CPU; ` +
      `import / zcat: ${(imp.ms / results[0].ms).toFixed(2)}× wall (zcat's own CPU is another process's)`,
  );
}
