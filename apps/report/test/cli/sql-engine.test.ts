import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { writeLargeSnapshotChunks } from '@exposure/demo';
import type { ReportDocument } from '@exposure/score';
import { TABLES, TABLE_NAMES, PARQUET_FILES, type SqlAssessment } from '@exposure/sql';
import { withSqlNumbers } from '../../src/commands/sql-engine.js';
import { evaluate } from '../../src/commands/evaluate.js';
import { createProgress } from '../../src/progress.js';
import { cli, handSnapshot, readTree, tempDir, testDeps, writeJson } from './helpers.js';

let dir: string;
let fleet: string;
beforeAll(async () => {
  dir = await tempDir();
  // A generated fleet: groups, high-value devices, KEV, EPSS, exploits, alerts, fixed findings.
  fleet = join(dir, 'fleet.json');
  await writeFile(
    fleet,
    [...writeLargeSnapshotChunks({ devices: 1500, findingsPerDevice: 20, seed: 7 })].join(''),
  );
});

const noSql = testDeps(
  {},
  {
    loadSql: () =>
      Promise.reject(new Error('@exposure/sql was loaded by a run that does not need it')),
  },
);

async function json(args: string[]): Promise<ReportDocument> {
  const r = await cli([...args, '--json', '-q'], { cwd: dir });
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ReportDocument;
}

describe('--engine duckdb', () => {
  it('gives the same exposure.json as the default engine on the demo fleet, impacts included', async () => {
    const [ts, sql] = [await json(['score']), await json(['score', '--engine', 'duckdb'])];
    expect(ts.recommendations.length).toBeGreaterThan(10);
    expect(sql).toEqual(ts);
  }, 120_000);

  it('gives the same exposure.json as the default engine on a generated fleet of 30,000 findings', async () => {
    const ts = await json(['score', fleet]);
    const sql = await json(['score', fleet, '--engine', 'duckdb']);
    expect(ts.groups.length).toBeGreaterThan(1);
    expect(ts.devices.items.some((d) => d.value === 'high')).toBe(true);
    expect(sql).toEqual(ts);
  }, 120_000);

  it('report --engine duckdb writes the same exposure.json as the default engine', async () => {
    const file = await writeJson(join(dir, 'hand.json'), handSnapshot());
    const a = await cli(['report', file, '--out', join(dir, 'site-ts'), '-q'], { cwd: dir });
    const b = await cli(
      ['report', file, '--out', join(dir, 'site-sql'), '-q', '--engine', 'duckdb'],
      {
        cwd: dir,
      },
    );
    expect([a.code, b.code]).toEqual([0, 0]);
    const doc = (d: string) => readFile(join(dir, d, 'exposure.json'), 'utf8');
    expect(await doc('site-sql')).toBe(await doc('site-ts'));
    expect(JSON.parse(await doc('site-sql'))).toMatchObject({ score: 13.06, level: 'low' });
  });

  it('agrees with an accepted risk (--exceptions) and a trend of two days', async () => {
    const before = handSnapshot({ takenAt: '2026-10-01T00:00:00Z' });
    before.findings = before.findings.slice(1);
    const a = await writeJson(join(dir, 'exc', 'a.json'), before);
    const b = await writeJson(join(dir, 'exc', 'b.json'), handSnapshot());
    const exceptions = join(dir, 'exc.csv');
    await writeFile(
      exceptions,
      'weakness,device,reason,owner,expires,approvedBy\nCVE-2026-0001,web-01,WAF,Alice,2027-01-31,CISO\n',
    );
    const args = ['score', a, b, '--exceptions', exceptions];
    const ts = await json(args);
    expect(ts.score).not.toBe(13.06); // the accepted KEV weakness no longer counts
    expect(await json([...args, '--engine', 'duckdb'])).toEqual(ts);
  });

  it("puts the SQL's numbers in the document and orders by them (not the default engine's)", async () => {
    const file = await writeJson(join(dir, 'hand2.json'), handSnapshot());
    const evaluation = await evaluate(
      [file],
      {},
      testDeps(),
      createProgress(process.stderr, false),
    );
    const base = evaluation.assessment;
    // A made-up SQL result: every number differs from the TypeScript engine's.
    const sql: SqlAssessment = {
      score: 71.234,
      level: 'high',
      devices: new Map(
        base.devices.map((d, i) => [
          d.id,
          { score: 10 * i, openWeaknesses: 7, level: 'low' as const },
        ]),
      ),
      byLevel: { none: 0, low: 3, medium: 0, high: 0 },
      groups: new Map(
        base.groups.map((g) => [
          g.name,
          {
            score: 1,
            level: 'low' as const,
            devices: 9,
            byLevel: { none: 9, low: 0, medium: 0, high: 0 },
          },
        ]),
      ),
      impacts: new Map(base.recommendations.map((r, i) => [r.id, i])),
    };
    const { document: d } = withSqlNumbers(evaluation, sql);
    expect([d.score, d.display, d.level]).toEqual([71.23, 71, 'high']);
    expect(d.devices.byLevel).toEqual(sql.byLevel);
    expect(d.devices.items.map((x) => x.score)).toEqual([20, 10, 0]);
    expect(d.devices.items.every((x) => x.openWeaknesses === 7 && x.level === 'low')).toBe(true);
    expect(d.groups.every((g) => g.score === 1 && g.devices === 9)).toBe(true);
    expect(d.recommendations.map((r) => r.exposureImpact)).toEqual([2, 1, 0]);
    expect(d.recommendations.map((r) => r.id)).toEqual(
      [...base.recommendations].reverse().map((r) => r.id),
    );
  });

  it('the default engine never loads @exposure/sql (DuckDB is loaded lazily)', async () => {
    const file = await writeJson(join(dir, 'lazy.json'), handSnapshot());
    const r = await cli(['score', file, '--json'], { cwd: dir, deps: noSql });
    expect(r.code).toBe(0);
    const bad = await cli(['score', file, '--engine', 'spark'], { cwd: dir, deps: noSql });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--engine.*Allowed choices are default, duckdb/);
  });
});

async function readParquet(
  path: string,
): Promise<{ columns: Array<[string, string]>; rows: Record<string, unknown>[] }> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const lit = `'${path.replace(/'/g, "''")}'`;
  const columns = (await c.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${lit})`))
    .getRowObjects()
    .map((r) => [r['column_name'] as string, r['column_type'] as string] as [string, string]);
  const rows = (
    await c.runAndReadAll(`SELECT * FROM read_parquet(${lit})`)
  ).getRowObjectsJson() as Record<string, unknown>[];
  c.closeSync();
  db.closeSync();
  return { columns, rows };
}

describe('exposure export --parquet', () => {
  it('writes the four tables with the documented columns, in a fixed row order', async () => {
    const file = await writeJson(join(dir, 'export.json'), handSnapshot());
    const out = join(dir, 'lake');
    const r = await cli(['export', file, '--parquet', out], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 devices, 3 weaknesses, 3 findings, 3 recommendations/);
    expect((await readdir(out)).sort()).toEqual(
      ['.exposure-site', ...TABLE_NAMES.map((n) => PARQUET_FILES[n]), 'tables.json'].sort(),
    );
    for (const name of TABLE_NAMES) {
      const t = await readParquet(join(out, PARQUET_FILES[name]));
      expect(t.columns).toEqual(TABLES[name].map((col) => [col.name, col.type]));
    }
    const findings = (await readParquet(join(out, 'findings.parquet'))).rows;
    expect(findings.map((f) => [f['device'], f['weakness'], f['product'], f['status']])).toEqual([
      ['d1', 'CVE-2026-0001', 'httpd', 'open'],
      ['d1', 'CVE-2026-0002', 'tls', 'open'],
      ['d2', 'CVE-2026-0003', 'db', 'open'],
    ]);
    const devices = (await readParquet(join(out, 'devices.parquet'))).rows;
    expect(devices.map((d) => [d['id'], d['group_name'], d['value'], d['in_scope']])).toEqual([
      ['d1', 'Web', 'normal', true],
      ['d2', 'Data', 'normal', true],
      ['d3', null, 'high', true],
    ]);
    const manifest = JSON.parse(await readFile(join(out, 'tables.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest).toMatchObject({
      layout: 'exposure-tables/1',
      model: 'exposure-model/2',
      asOf: '2026-11-01T00:00:00.000Z',
    });
  });

  it('the same inputs give byte-identical files; the folder is replaced as a whole', async () => {
    const out = join(dir, 'lake2');
    expect((await cli(['export', fleet, '--parquet', out, '-q'], { cwd: dir })).code).toBe(0);
    const first = await readTree(out);
    expect((await cli(['export', fleet, '--parquet', out, '-q'], { cwd: dir })).code).toBe(0);
    const second = await readTree(out);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [k, v] of first) expect(second.get(k)!.equals(v), k).toBe(true);
  }, 60_000);

  it('applies the gates: the tables are written, then exit 3', async () => {
    const file = await writeJson(join(dir, 'gate.json'), handSnapshot());
    const out = join(dir, 'lake-gate');
    const r = await cli(['export', file, '--parquet', out, '-q', '--max-score', '10'], {
      cwd: dir,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/13\.06/);
    expect(await readdir(out)).toContain('findings.parquet');
  });

  it('refuses a folder that Exposure did not write (exit 2), and leaves it alone', async () => {
    const out = join(dir, 'mine');
    await mkdir(out);
    await writeFile(join(out, 'thesis.tex'), 'precious');
    const file = await writeJson(join(dir, 'refuse.json'), handSnapshot());
    const r = await cli(['export', file, '--parquet', out], { cwd: dir, deps: noSql });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^exposure: --parquet .*mine.* is not empty and carries no \.exposure-site/m,
    );
    expect(await readdir(out)).toEqual(['thesis.tex']);
  });

  it('exports the state as of --as-of: the devices and findings of that time', async () => {
    const before = handSnapshot({ takenAt: '2026-10-01T00:00:00Z' });
    before.findings = before.findings.slice(0, 1);
    const a = await writeJson(join(dir, 'asof', 'a.json'), before);
    const b = await writeJson(join(dir, 'asof', 'b.json'), handSnapshot());
    const out = join(dir, 'lake-asof');
    const r = await cli(['export', a, b, '--as-of', '2026-10-15', '--parquet', out, '-q'], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    expect((await readParquet(join(out, 'findings.parquet'))).rows).toHaveLength(1);
  });
});
