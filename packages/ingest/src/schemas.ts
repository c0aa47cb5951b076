import { fileURLToPath } from 'node:url';
import { Ajv, type Options } from 'ajv';
import reportSchema from './schemas/exposure-report-1.schema.json' with { type: 'json' };
import snapshotSchema from './schemas/exposure-snapshot-1.schema.json' with { type: 'json' };
import exceptionsSchema from './schemas/exposure-exceptions-1.schema.json' with { type: 'json' };
import configSchema from './schemas/exposure-config-1.schema.json' with { type: 'json' };

/** The JSON Schemas this package publishes (in packages/ingest/src/schemas/). */
export type SchemaName =
  'exposure-snapshot-1' | 'exposure-report-1' | 'exposure-exceptions-1' | 'exposure-config-1';

/** Absolute path of a published schema; resolves the same from src/ and from dist/. */
export function schemaPath(name: SchemaName): string {
  return fileURLToPath(new URL(`./schemas/${name}.schema.json`, import.meta.url));
}

// Imported as modules, not read from disk, so that bundles (the VS Code extension) carry them.
const schemas: Record<SchemaName, Record<string, unknown>> = {
  'exposure-snapshot-1': snapshotSchema,
  'exposure-report-1': reportSchema,
  'exposure-exceptions-1': exceptionsSchema,
  'exposure-config-1': configSchema,
};

/** The parsed schema. */
export function loadSchema(name: SchemaName): Record<string, unknown> {
  return schemas[name];
}

/**
 * An Ajv instance as our validators need it: `verbose` keeps the offending value on each error so
 * that messages can quote it; union types (`["string", "null"]`) are plain draft-07.
 */
export function createAjv(options: Options = {}): Ajv {
  return new Ajv({ verbose: true, allowUnionTypes: true, ...options });
}
