#!/usr/bin/env node
// The model as SQL alone: DuckDB over the Parquet tables of `exposure export --parquet DIR`.
//   node bench/sql-score.js DIR
// Prints the organization score and the count of devices and impacts (run after the build).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scoreParquet } from '@exposure/sql';

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node bench/sql-score.js DIR');
  process.exit(2);
}
const spill = mkdtempSync(join(tmpdir(), 'exposure-bench-spill-'));
try {
  const r = await scoreParquet(dir, { memoryLimit: '2GB', tempDirectory: spill });
  console.log(JSON.stringify({ score: r.score, devices: r.devices.size, impacts: r.impacts.size }));
} finally {
  rmSync(spill, { recursive: true, force: true });
}
