import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROW_ORDER, TABLES, TABLE_NAMES } from '../src/duckdb.js';

const doc = readFileSync(new URL('../../../docs/parquet.md', import.meta.url), 'utf8');

/** The rows of the table under `## name` in docs/parquet.md: [column, type, nullable]. */
function documented(name: string): Array<[string, string, boolean]> {
  const section = doc.split(`\n## ${name}\n`)[1]!.split('\n## ')[0]!;
  return [...section.matchAll(/^\| `([a-z_]+)` +\| `([A-Z[\]]+)` +\| (.*)\|$/gm)].map((m) => [
    m[1]!,
    m[2]!,
    m[3]!.startsWith('_null_'),
  ]);
}

describe('docs/parquet.md', () => {
  it('documents every column of every table, with its type and whether it may be null', () => {
    for (const name of TABLE_NAMES)
      expect(documented(name), name).toEqual(TABLES[name].map((c) => [c.name, c.type, c.nullable]));
  });

  it('states each table row order as written', () => {
    for (const name of TABLE_NAMES) {
      const columns = ROW_ORDER[name].replace(/ NULLS FIRST/g, '');
      expect(doc, name).toContain(
        columns.includes(',') ? `\`${columns}\`` : `Order: \`${columns}\``,
      );
    }
  });
});
