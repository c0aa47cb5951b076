// npm run bench: the performance targets of the issues, measured on this machine.
//   1. `exposure score --json` on 20,000 devices × 50 findings (native snapshot) vs JSON.parse
//   2. a Defender export of 1M JSON lines, gzipped, vs gunzip + JSON.parse per line
//   3. `exposure report` (site) and `--pdf` on the 1M-finding snapshot
//   4. a daily run with a 365-day history of 20,000 devices vs the same run without history
//   5. the SQL engine on the 1M-finding snapshot: `score --json --engine duckdb` vs the default
//      engine, `export --parquet`, and the model as SQL alone on those Parquet tables
//   5b. `shapes`: `exposure score --json` vs JSON.parse on three other shapes of 1M findings
//   6. the model as SQL on a generated Parquet fleet of 10M findings (`sql-10m`, not run by default;
//      FINDINGS=… to change the size)
//   7. `exposure score --json` on 1M and 10M native findings, back to back (`native-10m`, not run
//      by default: a 1.96 GB file, streamed, 1–4 minutes a run here), with the ratio of the times
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = join(root, 'bench', 'data');
const cli = join(root, 'apps', 'report', 'dist', 'cli.js');
const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
mkdirSync(data, { recursive: true });
const results = {};

/** Runs `node <script> args` through measure.js; returns its time and peak memory. */
function measured(args, { stdout = 'ignore' } = {}) {
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=4096', join(root, 'bench', 'measure.js'), ...args],
    {
      cwd: root,
      stdio: ['ignore', stdout, 'inherit', 'pipe'],
      maxBuffer: 1 << 30,
    },
  );
  const report = JSON.parse(String(r.output[3]).trim().split('\n').pop());
  if (report.code !== 0) throw new Error(`${args.join(' ')} exited with ${report.code}`);
  return report;
}

function node(script, args = []) {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${script} failed`);
}

function jsonParseBaseline(file) {
  const script = `const t=performance.now();JSON.parse(require('fs').readFileSync(${JSON.stringify(file)},'utf8'));console.log(Math.round(performance.now()-t))`;
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', '-e', script], {
    encoding: 'utf8',
  });
  return Number(r.stdout.trim());
}

async function jsonLinesBaseline(file) {
  const t = performance.now();
  const rl = createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  let n = 0;
  for await (const line of rl) {
    if (!line) continue;
    JSON.parse(line);
    n++;
  }
  return { ms: Math.round(performance.now() - t), lines: n };
}

const RUNS = Number(process.env.RUNS ?? 3);
/** The fastest of RUNS runs (the first one's peak memory is as good as any). */
function best(run) {
  const runs = Array.from({ length: RUNS }, run);
  const fastest = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  return {
    ms: fastest.ms,
    userMs: fastest.userMs,
    systemMs: fastest.systemMs,
    maxRssMB: Math.max(...runs.map((r) => r.maxRssMB)),
    allMs: runs.map((r) => r.ms),
  };
}

const mb = (bytes) => Math.round((bytes / 1e6) * 10) / 10;
const native = join(data, 'native-20k.json');

if (want('score') || want('report') || want('sql')) {
  if (!existsSync(native)) node(join(root, 'bench', 'gen-native-snapshot.js'), [native]);
}

if (want('score')) {
  const size = statSync(native).size;
  // This machine is a shared VM: each side's best of RUNS counts.
  const parse = Math.min(...Array.from({ length: RUNS }, () => jsonParseBaseline(native)));
  const run = best(() => measured([cli, 'score', '--json', native]));
  results.score = {
    file: native,
    sizeMB: mb(size),
    findings: 1_000_000,
    jsonParseMs: parse,
    scoreJsonMs: run.ms,
    scoreJsonRunsMs: run.allMs,
    ratio: Math.round((run.ms / parse) * 100) / 100,
    peakRssMB: run.maxRssMB,
    target: '≤ 1.5× JSON.parse, < 1.5 GB',
  };
  console.log('score --json', results.score);
}

if (want('shapes')) {
  // Issue 14's three shapes of 1M native findings beside the bench's own (20,000 × 50): few
  // devices with many findings, many devices with few, many distinct software.
  const shapes = [
    {
      name: 'few devices, many findings',
      file: join(data, 'native-1k-x-1000.json'),
      reshape: ['fold', '20'],
    },
    {
      name: 'many devices, few findings',
      file: join(data, 'native-200k-x-5.json'),
      gen: ['200000', '5'],
    },
    {
      name: 'many distinct software',
      file: join(data, 'native-many-software.json'),
      reshape: ['software', '2000'],
    },
  ];
  results.shapes = [];
  for (const shape of shapes) {
    if (!existsSync(shape.file)) {
      if (shape.reshape) {
        if (!existsSync(native)) node(join(root, 'bench', 'gen-native-snapshot.js'), [native]);
        node(join(root, 'bench', 'reshape-snapshot.js'), [native, shape.file, ...shape.reshape]);
      } else node(join(root, 'bench', 'gen-native-snapshot.js'), [shape.file, ...shape.gen]);
    }
    const parse = Math.min(...Array.from({ length: RUNS }, () => jsonParseBaseline(shape.file)));
    const run = best(() => measured([cli, 'score', '--json', '--quiet', shape.file]));
    const entry = {
      shape: shape.name,
      sizeMB: mb(statSync(shape.file).size),
      jsonParseMs: parse,
      scoreJsonMs: run.ms,
      scoreJsonRunsMs: run.allMs,
      ratio: Math.round((run.ms / parse) * 100) / 100,
      peakRssMB: run.maxRssMB,
      target: '≤ 1.2× JSON.parse',
    };
    results.shapes.push(entry);
    console.log('score --json', entry);
  }
}

if (want('defender')) {
  const dir = join(data, 'defender', '2026-11-01');
  const file = join(dir, 'export.json.gz');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    node(join(root, 'bench', 'gen-defender-export.js'), ['1000000', file]);
  }
  const size = statSync(file).size;
  let base = await jsonLinesBaseline(file);
  for (let i = 1; i < RUNS; i++) {
    const again = await jsonLinesBaseline(file);
    if (again.ms < base.ms) base = again;
  }
  const run = best(() => measured([cli, 'score', '--json', file]));
  results.defender = {
    file,
    sizeMB: mb(size),
    lines: base.lines,
    baselineMs: base.ms,
    scoreJsonMs: run.ms,
    ratio: Math.round((run.ms / base.ms) * 100) / 100,
    compressedMBps: Math.round((mb(size) / run.ms) * 1000 * 10) / 10,
    findingsPerSecond: Math.round(base.lines / (run.ms / 1000)),
    peakRssMB: run.maxRssMB,
    target: '≤ 2× gunzip + JSON.parse per line, < 1.5 GB',
  };
  console.log('defender export', results.defender);
}

if (want('report')) {
  // BENCH_SITE_DIR puts the site elsewhere (a memory file system, say, to see the CPU side alone).
  const out = process.env.BENCH_SITE_DIR ?? join(data, 'site-20k');
  /**
   * A fresh folder: the last run's site removed and flushed first (untimed), so that no run
   * pays for the writeback and discards of the one before it.
   */
  const fresh = () => {
    rmSync(out, { recursive: true, force: true });
    spawnSync('sync');
  };
  const site = best(() => {
    fresh();
    return measured([cli, 'report', native, '--out', out, '--quiet']);
  });
  const withPdf = best(() => {
    fresh();
    return measured([cli, 'report', native, '--out', out, '--quiet', '--pdf']);
  });
  results.report = {
    siteMs: site.ms,
    siteAllMs: site.allMs,
    siteUserMs: site.userMs,
    siteSystemMs: site.systemMs,
    sitePeakRssMB: site.maxRssMB,
    siteAndPdfMs: withPdf.ms,
    pdfExtraMs: withPdf.ms - site.ms,
    pdfBytes: existsSync(join(out, 'report.pdf')) ? statSync(join(out, 'report.pdf')).size : null,
    siteFolder: relative(root, out) || '.',
    target: 'site < 10 s, PDF < 15 s beyond it',
  };
  console.log('report', results.report);
}

if (want('history')) {
  // 20,000 devices with 365 days of history; today's run reads the scans of a tenth of them.
  const dir = join(data, 'history-20k');
  if (!existsSync(join(dir, 'history', 'history.json')))
    node(join(root, 'bench', 'gen-history.js'), [dir, '20000', '20', '365']);
  const scans = join(dir, 'scans');
  const work = join(dir, 'run-history');
  const withHistory = best(() => {
    rmSync(work, { recursive: true, force: true });
    cpSync(join(dir, 'history'), work, { recursive: true });
    return measured([cli, 'score', scans, '--history', work, '--json', '--quiet']);
  });
  const without = best(() => measured([cli, 'score', scans, '--no-history', '--json', '--quiet']));
  const bytes = readdirSync(work).reduce((n, f) => n + statSync(join(work, f)).size, 0);
  results.history = {
    devices: 20_000,
    days: 365,
    scansToday: 2_000,
    withHistoryMs: withHistory.ms,
    withHistoryRunsMs: withHistory.allMs,
    withoutHistoryMs: without.ms,
    ratio: Math.round((withHistory.ms / without.ms) * 100) / 100,
    peakRssMB: withHistory.maxRssMB,
    historyMB: mb(bytes),
    target: '≤ 1.3× the same run without history, history < 100 MB',
  };
  console.log('daily run with history', results.history);
}

if (want('sql')) {
  const lake = join(data, 'lake-20k');
  const ts = best(() => measured([cli, 'score', '--json', '--quiet', native]));
  const duck = best(() =>
    measured([cli, 'score', '--json', '--quiet', '--engine', 'duckdb', native]),
  );
  const exported = best(() => measured([cli, 'export', native, '--parquet', lake, '--quiet']));
  const sqlOnly = best(() => measured([join(root, 'bench', 'sql-score.js'), lake]));
  const lakeBytes = readdirSync(lake)
    .filter((f) => f.endsWith('.parquet'))
    .reduce((n, f) => n + statSync(join(lake, f)).size, 0);
  results.sql = {
    findings: 1_000_000,
    defaultMs: ts.ms,
    defaultPeakRssMB: ts.maxRssMB,
    duckdbMs: duck.ms,
    duckdbPeakRssMB: duck.maxRssMB,
    ratio: Math.round((duck.ms / ts.ms) * 100) / 100,
    exportParquetMs: exported.ms,
    exportPeakRssMB: exported.maxRssMB,
    parquetMB: mb(lakeBytes),
    sqlOnParquetMs: sqlOnly.ms,
    sqlOnParquetPeakRssMB: sqlOnly.maxRssMB,
    runsMs: { default: ts.allMs, duckdb: duck.allMs, export: exported.allMs, sql: sqlOnly.allMs },
  };
  console.log('SQL engine (DuckDB), 1M findings', results.sql);
}

// Not in the default set: on this shared 2-core machine it takes about a minute per run.
if (only.includes('sql-10m')) {
  const findings = Number(process.env.FINDINGS ?? 10_000_000);
  const lake = join(data, `lake-${findings}`);
  if (!existsSync(join(lake, 'findings.parquet')))
    node(join(root, 'bench', 'gen-parquet-fleet.js'), [lake, String(findings / 50), '50']);
  const run = best(() => measured([join(root, 'bench', 'sql-score.js'), lake]));
  results.sql10m = {
    findings,
    sqlOnParquetMs: run.ms,
    peakRssMB: run.maxRssMB,
    runsMs: run.allMs,
    duckdbMemoryLimit: '2GB',
  };
  console.log(`the model as SQL on ${findings} findings from Parquet`, results.sql10m);
}

// Not in the default set: the 10M file is 1.96 GB (generated once, ~2 min) and read as a stream.
// Each pair is 1M then 10M straight after, so that both see the same load on this shared VM.
if (only.includes('native-10m')) {
  if (!existsSync(native)) node(join(root, 'bench', 'gen-native-snapshot.js'), [native]);
  const big = join(data, 'native-10m.json');
  if (!existsSync(big)) node(join(root, 'bench', 'gen-native-snapshot.js'), [big, '200000', '50']);
  const load = () => loadavg().map((l) => Math.round(l * 100) / 100);
  const pairs = Array.from({ length: RUNS }, () => {
    const before = load();
    const small = measured([cli, 'score', '--json', '--quiet', native]);
    const large = measured([cli, 'score', '--json', '--quiet', big]);
    return {
      ms1m: small.ms,
      ms10m: large.ms,
      ratio: Math.round((large.ms / small.ms) * 100) / 100,
      cpuMs1m: small.cpuMs,
      cpuMs10m: large.cpuMs,
      cpuRatio: Math.round((large.cpuMs / small.cpuMs) * 100) / 100,
      peakRssMB1m: small.maxRssMB,
      peakRssMB10m: large.maxRssMB,
      loadBefore: before,
      loadAfter: load(),
    };
  });
  const fastest = (key) => Math.min(...pairs.map((p) => p[key]));
  results.native10m = {
    findings: [1_000_000, 10_000_000],
    sizeMB: [mb(statSync(native).size), mb(statSync(big).size)],
    ms1m: fastest('ms1m'),
    ms10m: fastest('ms10m'),
    // The best pair's ratio: each pair's two runs saw the same load, the fastest ones may not have.
    ratio: fastest('ratio'),
    cpuRatio: fastest('cpuRatio'),
    peakRssMB10m: Math.max(...pairs.map((p) => p.peakRssMB10m)),
    pairs,
    target: '10M ≤ 12× the 1M time, < 2 GB',
  };
  console.dir({ 'score --json, 1M and 10M native findings': results.native10m }, { depth: 4 });
}

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(
  join(root, 'bench', 'results', 'latest.json'),
  JSON.stringify({ node: process.version, results }, null, 2) + '\n',
);
