/**
 * The published JSON Schema of exposure.json lives in @exposure/ingest (schemas/); the site
 * carries a copy next to exposure.json so that consumers can validate what they download.
 */
import { readFile } from 'node:fs/promises';
import { schemaPath } from '@exposure/ingest';

export const REPORT_SCHEMA_FILE = 'exposure-report-1.schema.json';

export function reportSchemaPath(): string {
  return schemaPath('exposure-report-1');
}

export async function readReportSchema(): Promise<string> {
  return readFile(reportSchemaPath(), 'utf8');
}
