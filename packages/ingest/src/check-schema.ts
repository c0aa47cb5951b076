import type { ValidateFunction } from 'ajv';
import { InputError, jsonPath } from './messages.js';
import { toViolations } from './schema-errors.js';
import { createAjv, loadSchema, type SchemaName } from './schemas.js';

const validators = new Map<SchemaName, ValidateFunction>();

/**
 * Checks a small parsed document (an exceptions or configuration file) against one of the
 * published schemas; throws an InputError naming the file, the JSON path and the first problem.
 */
export function checkAgainstSchema(name: SchemaName, doc: unknown, file: string): void {
  let validate = validators.get(name);
  if (!validate) {
    validate = createAjv().compile(loadSchema(name));
    validators.set(name, validate);
  }
  if (validate(doc)) return;
  const v = toViolations(validate.errors ?? [])[0];
  throw new InputError(
    file,
    jsonPath(v?.segments ?? []),
    v?.problem ?? 'does not match its schema',
  );
}
