import type { ReportDocument, Snapshot } from '@exposure/score';

export type Validation = { ok: true; document: ReportDocument } | { ok: false; errors: string[] };

/**
 * The heavy work the extension borrows from the shared packages. Each is reached through a
 * dynamic `import()`, which esbuild keeps in the single bundle but evaluates only on first use:
 * activation never pays for Ajv, the importers or the scoring model.
 */
export interface Engines {
  validate(value: unknown): Promise<Validation>;
  /** Reads inputs (files or folders) and scores the latest snapshot; the trend spans all of them. */
  scoreInputs(paths: string[], group: string): Promise<ReportDocument>;
  /** Scores the bundled demo fleet's history. */
  scoreDemo(group: string): Promise<ReportDocument>;
}

export const DEMO_INPUTS = { digest: 'demo', files: [] };

/**
 * Observation days the trend is followed over. The extension shows the last few points only, and
 * change attribution costs a scoring pass per day: the demo's 90 days would take seconds.
 */
export const TREND_WINDOW = 12;

export function lazyEngines(): Engines {
  // The demo history is the same every time: generate it once, rescore it per group.
  let demo: Promise<{ snapshots: Snapshot[] }> | undefined;
  return {
    async validate(value) {
      const { validateReportDocument } = await import('@exposure/ingest/report-document');
      return validateReportDocument(value);
    },
    async scoreInputs(paths, group) {
      const [{ loadInputs }, score] = await Promise.all([
        import('@exposure/ingest'),
        import('@exposure/score'),
      ]);
      const { observations, feeds, inputs, warnings } = await loadInputs(paths, {});
      if (observations.length === 0)
        throw new Error(`${paths.join(', ')}: holds no findings to score`);
      return score.evaluate({
        observations,
        ...(group !== '' && { group }),
        trendDays: TREND_WINDOW,
        feeds,
        inputs,
        warnings,
      }).document;
    },
    async scoreDemo(group) {
      demo ??= import('@exposure/demo')
        .then((m) => m.generateDemoHistory())
        .catch((error: unknown) => {
          demo = undefined;
          throw error;
        });
      const [{ snapshots }, score] = await Promise.all([demo, import('@exposure/score')]);
      if (snapshots.length === 0) throw new Error('the demo history is empty');
      return score.evaluate({
        observations: snapshots.map((snapshot, i) => ({
          source: `demo/day-${i + 1}`,
          format: 'native',
          time: snapshot.time,
          timeSource: 'file' as const,
          coverage: 'full' as const,
          snapshot,
        })),
        ...(group !== '' && { group }),
        trendDays: TREND_WINDOW,
        inputs: DEMO_INPUTS,
      }).document;
    },
  };
}
