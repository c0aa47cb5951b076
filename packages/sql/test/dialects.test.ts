/**
 * Spark SQL and Trino cannot be installed here: their dialects of the model are checked by their
 * own grammars (dt-sql-parser's ANTLR grammars of Spark SQL and Trino), and the portable part —
 * the same model.sql with nothing DuckDB-only in it — is run on DuckDB against the TypeScript
 * engine in parity.test.ts (the `sum` spelling is the one difference, see render.ts).
 */
import { describe, expect, it } from 'vitest';
import { SparkSQL, TrinoSQL } from 'dt-sql-parser';
import { DuckDBInstance } from '@duckdb/node-api';
import { assess } from '@exposure/score';
import { makeDevice, makeFinding, makeSnapshot, makeWeakness } from '../../score/test/builders.js';
import { dialectFiles } from '../src/dialect-files.js';
import { modelSql } from '../src/duckdb.js';
import { loadSnapshot } from '../src/tables.js';

const parsers = { spark: new SparkSQL(), trino: new TrinoSQL() } as const;

describe('the Spark SQL and Trino dialects of the model', () => {
  for (const dialect of ['spark', 'trino'] as const) {
    it(`${dialect}: the model parses with its grammar, and a broken one does not`, () => {
      // The file as shipped in dialects/, header comments and all.
      const sql = dialectFiles()[`model.${dialect}.sql`]!;
      expect(sql).toContain(modelSql(dialect));
      expect(sql).not.toMatch(/fsum|\{\{/);
      expect(parsers[dialect].validate(sql)).toEqual([]);
      // The check can fail: the same model with a window clause broken is refused.
      const broken = sql.replace('OVER (PARTITION BY', 'OVER PARTITION (BY');
      expect(broken).not.toBe(sql);
      expect(parsers[dialect].validate(broken).length).toBeGreaterThan(0);
    }, 60_000);
  }

  it("the Spark and Trino text, run on DuckDB, gives the TypeScript engine's numbers", async () => {
    const s = makeSnapshot({
      devices: [makeDevice('a', { value: 'high', group: 'g' }), makeDevice('b'), makeDevice('c')],
      weaknesses: [makeWeakness('W1', 9.8, { kev: true }), makeWeakness('W2', 5, { epss: 0.4 })],
      findings: [
        makeFinding('a', 'W1', { software: { vendor: 'v', product: 'p' } }),
        makeFinding('a', 'W2'),
        makeFinding('b', 'W2', { activeAlert: true }),
      ],
    });
    const ts = assess(s);
    for (const dialect of ['spark', 'trino'] as const) {
      const db = await DuckDBInstance.create(':memory:');
      const c = await db.connect();
      await loadSnapshot(c, s);
      const rows = (await c.runAndReadAll(modelSql(dialect))).getRowObjects();
      c.closeSync();
      db.closeSync();
      const org = rows.find((r) => r['kind'] === 'organization')!;
      expect(org['value'] as number).toBeCloseTo(ts.score, 9);
      for (const rec of ts.recommendations) {
        const row = rows.find((r) => r['kind'] === 'impact' && r['key'] === rec.id)!;
        expect(row['value'] as number).toBeCloseTo(rec.exposureImpact, 9);
      }
    }
  });
});

describe('packages/sql/dialects/', () => {
  it('holds the model of every engine as generated (npm run dialects -w @exposure/sql)', async () => {
    const { readFileSync } = await import('node:fs');
    for (const [name, text] of Object.entries(dialectFiles()))
      expect(readFileSync(new URL(`../dialects/${name}`, import.meta.url), 'utf8'), name).toBe(
        text,
      );
  });
});
