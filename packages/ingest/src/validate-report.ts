import type { ValidateFunction } from 'ajv';
import type { ReportDocument } from '@exposure/score';
import { jsonPath } from './messages.js';
import { createAjv, loadSchema } from './schemas.js';
import { toViolations } from './schema-errors.js';

const MAX_ERRORS = 10;

let validator: ValidateFunction | undefined;

function reportValidator(): ValidateFunction {
  validator ??= createAjv({ allErrors: true }).compile(loadSchema('exposure-report-1'));
  return validator;
}

export type ReportValidation =
  { ok: true; document: ReportDocument } | { ok: false; errors: string[] };

/**
 * Checks a parsed exposure.json against the exposure-report/1 schema. Errors read
 * `$.changes[0].steps[1].kind: should be one of …`, at most ten of them.
 */
export function validateReportDocument(doc: unknown): ReportValidation {
  const validate = reportValidator();
  if (validate(doc)) return { ok: true, document: doc as ReportDocument };
  const violations = toViolations(validate.errors ?? []);
  const errors = violations
    .slice(0, MAX_ERRORS)
    .map((v) => `${jsonPath(v.segments)}: ${v.problem}`);
  if (violations.length > MAX_ERRORS) errors.push(`… and ${violations.length - MAX_ERRORS} more`);
  return { ok: false, errors };
}
