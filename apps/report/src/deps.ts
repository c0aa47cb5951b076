/**
 * What the commands need from the other packages, gathered in one object so that tests can swap
 * a piece (a renderer that throws, a loader that fails late) and check what the CLI does then.
 */
import type { DemoHistory as GeneratedHistory } from '@exposure/demo';
import { loadInputs } from '@exposure/ingest';
import type * as RenderModule from './render/index.js';
import type * as SqlModule from '@exposure/sql';

export type Renderer = Pick<
  typeof RenderModule,
  'renderSiteFiles' | 'siteFileCount' | 'renderPrintHtml' | 'findChrome' | 'printPdf'
>;
/** The model as SQL on DuckDB: `--engine duckdb` and `exposure export --parquet`. */
export type SqlEngine = Pick<
  typeof SqlModule,
  'writeParquet' | 'scoreParquet' | 'TABLE_NAMES' | 'PARQUET_FILES'
>;
/** The demo fleet's history, and the seed it was generated from (its `inputs.digest` source). */
export type DemoHistory = GeneratedHistory & { seed: number };

export interface CliDeps {
  loadInputs: typeof loadInputs;
  /** The bundled demo fleet; imported on use, as only runs without inputs need it. */
  demoHistory: () => Promise<DemoHistory>;
  /**
   * Loaded on first use only: the renderer pulls in vega, handlebars and puppeteer (~0.5 s of
   * imports) that `exposure score` never needs.
   */
  loadRenderer: () => Promise<Renderer>;
  /**
   * Loaded on first use only: DuckDB's native binding (~60 MB) is opened only by the runs that
   * ask for it (--engine duckdb, export --parquet).
   */
  loadSql: () => Promise<SqlEngine>;
}

export const defaultDeps: CliDeps = {
  loadInputs,
  demoHistory: async () => {
    const demo = await import('@exposure/demo');
    return { ...demo.generateDemoHistory(), seed: demo.DEMO_DEFAULTS.seed };
  },
  loadRenderer: () => import('./render/index.js'),
  loadSql: () => import('@exposure/sql'),
};
