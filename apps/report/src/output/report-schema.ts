/**
 * The published JSON Schema of exposure.json lives with the document's type, validator and page
 * names (@exposure/ingest/report-document); the site carries a copy next to exposure.json so that
 * consumers can validate what they download.
 */
import { readFile } from 'node:fs/promises';
import { reportSchemaPath } from '@exposure/ingest/report-document';

export { REPORT_SCHEMA_FILE, reportSchemaPath } from '@exposure/ingest/report-document';

export async function readReportSchema(): Promise<string> {
  return readFile(reportSchemaPath(), 'utf8');
}
