import type { ReportDocument } from '@exposure/score';

/** exposure.json's bytes: the same for `score --json` and the site, so either can be diffed. */
export function exposureJson(doc: ReportDocument): string {
  return JSON.stringify(doc, null, 2) + '\n';
}
