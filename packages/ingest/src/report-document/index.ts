/**
 * exposure.json (`exposure-report/1`) in one place, for everything that writes or reads it (the
 * CLI's site and the VS Code extension): its type (built by `@exposure/score`'s
 * toReportDocument), its published JSON Schema, its validator, and the page-name rule that links
 * a document's ids to the site's pages.
 */
import { schemaPath } from '../schemas.js';

export type { ReportDocument } from '@exposure/score';
export { validateReportDocument, type ReportValidation } from '../validate-report.js';
export { pageName } from './page-name.js';

/** The file name the schema is published under, beside exposure.json. */
export const REPORT_SCHEMA_FILE = 'exposure-report-1.schema.json';

/** Absolute path of the published exposure-report/1 schema. */
export function reportSchemaPath(): string {
  return schemaPath('exposure-report-1');
}
