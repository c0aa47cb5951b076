#!/usr/bin/env node
// Writes a synthetic fleet straight as the Parquet tables of docs/parquet.md, generated inside
// DuckDB (no JSON, no Node objects per row), for the SQL engine at sizes the native reader is
// not measured at here.
//   node bench/gen-parquet-fleet.js DIR [devices=200000] [findingsPerDevice=50]
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { PARQUET_FILES, createTableSql } from '@exposure/sql';

const [dir, devicesArg, perArg] = process.argv.slice(2);
const devices = Number(devicesArg ?? 200_000);
const per = Number(perArg ?? 50);
if (!dir || !Number.isInteger(devices) || !Number.isInteger(per) || devices < 1 || per < 0) {
  console.error('usage: node bench/gen-parquet-fleet.js DIR [devices] [findingsPerDevice]');
  process.exit(2);
}
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const started = performance.now();
const db = await DuckDBInstance.create(':memory:', { temp_directory: join(dir, '.spill') });
const c = await db.connect();
const weaknesses = 20_000;
const products = 400;
// hash(x) % n: deterministic pseudo-random columns, so the same arguments give the same fleet.
await c.run(`CREATE TABLE devices AS SELECT
  'dev-' || i AS id, 'host-' || i AS name, 'Linux' AS os,
  CASE WHEN i % 7 = 0 THEN NULL ELSE 'group-' || (i % 40) END AS group_name,
  CASE WHEN i % 50 = 0 THEN 'high' WHEN i % 5 = 0 THEN 'low' ELSE 'normal' END AS value,
  NULL::VARCHAR AS owner, []::VARCHAR[] AS tags, NULL::VARCHAR AS last_seen,
  i % 97 <> 0 AS in_scope
FROM range(${devices}) t(i)`);
await c.run(`CREATE TABLE weaknesses AS SELECT
  'CVE-' || w AS id, CASE WHEN w % 20 = 0 THEN 'configuration' ELSE 'vulnerability' END AS kind,
  NULL::VARCHAR AS title, CASE WHEN w % 3 = 0 THEN 'high' END AS severity_label,
  CASE WHEN w % 3 <> 0 THEN '3.1' END AS cvss_version,
  CASE WHEN w % 3 <> 0 THEN (hash(w) % 100) / 10.0 END::DOUBLE AS cvss_score,
  NULL::VARCHAR AS cvss_vector, NULL::VARCHAR AS published, w % 50 = 0 AS kev,
  CASE WHEN w % 11 = 0 THEN 'weaponized' WHEN w % 5 = 0 THEN 'poc' ELSE 'none' END AS exploit,
  CASE WHEN w % 4 = 0 THEN (hash(w * 7) % 1000) / 1000.0 END::DOUBLE AS epss
FROM range(${weaknesses}) t(w)`);
await c.run(`CREATE TABLE findings AS SELECT
  'dev-' || (n // ${per}) AS device, 'CVE-' || (hash(n) % ${weaknesses}) AS weakness,
  'vendor-' || (hash(n * 3) % 60) AS vendor, 'product-' || (hash(n * 3) % ${products}) AS product,
  '1.' || (n % 9) AS version, NULL::VARCHAR AS fixed_version,
  CASE WHEN n % 10 = 0 THEN 'fixed' WHEN n % 31 = 0 THEN 'exception' ELSE 'open' END AS status,
  n % 997 = 0 AS active_alert, NULL::VARCHAR AS recommendation
FROM range(${devices * per}) t(n)`);
await c.run(createTableSql('recommendations'));
for (const name of Object.keys(PARQUET_FILES))
  await c.run(
    `COPY ${name} TO '${join(dir, PARQUET_FILES[name])}' (FORMAT parquet, COMPRESSION zstd)`,
  );
c.closeSync();
db.closeSync();
rmSync(join(dir, '.spill'), { recursive: true, force: true });
console.log(
  `${dir}: ${devices} devices × ${per} = ${devices * per} findings in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
