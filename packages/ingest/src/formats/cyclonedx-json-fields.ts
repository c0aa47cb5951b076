/**
 * Typed reads of a parsed JSON document that fail with an InputError naming the JSON path
 * (`$.vulnerabilities[2].ratings[0].score`). Shared by the CycloneDX and SARIF importers, whose
 * documents are small enough to parse whole and then walk.
 */
import { jsonPath, messages } from '../messages.js';

export type JsonObject = Record<string, unknown>;
export type Path = ReadonlyArray<string | number>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class JsonFields {
  constructor(readonly file: string) {}

  /** The value at `path` must be an object. */
  object(value: unknown, path: Path): JsonObject {
    if (!isObject(value)) throw messages.wrongType(this.file, jsonPath(path), 'an object', value);
    return value;
  }

  /** An optional object member; null counts as absent (several tools write null for "none"). */
  optObject(o: JsonObject, key: string, path: Path): JsonObject | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    return this.object(v, [...path, key]);
  }

  /** An optional array member; absent or null gives an empty array. */
  array(o: JsonObject, key: string, path: Path): unknown[] {
    const v = o[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v))
      throw messages.wrongType(this.file, jsonPath([...path, key]), 'an array', v);
    return v;
  }

  /** Each element of an optional array member, which must be objects, with its own path. */
  objects(o: JsonObject, key: string, path: Path): Array<{ value: JsonObject; path: Path }> {
    return this.array(o, key, path).map((v, i) => {
      const p = [...path, key, i];
      return { value: this.object(v, p), path: p };
    });
  }

  optString(o: JsonObject, key: string, path: Path): string | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string')
      throw messages.wrongType(this.file, jsonPath([...path, key]), 'a string', v);
    return v;
  }

  string(o: JsonObject, key: string, path: Path): string {
    const v = this.optString(o, key, path);
    if (v === undefined || v.trim() === '') throw messages.missing(this.file, jsonPath(path), key);
    return v;
  }

  optNumber(o: JsonObject, key: string, path: Path): number | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw messages.wrongType(this.file, jsonPath([...path, key]), 'a number', v);
    }
    return v;
  }

  /** An optional array of strings. */
  strings(o: JsonObject, key: string, path: Path): string[] {
    return this.array(o, key, path).map((v, i) => {
      if (typeof v !== 'string')
        throw messages.wrongType(this.file, jsonPath([...path, key, i]), 'a string', v);
      return v;
    });
  }

  /** An optional ISO 8601 time, returned normalised to UTC (`…Z`). */
  optTime(o: JsonObject, key: string, path: Path): string | undefined {
    const v = this.optString(o, key, path);
    if (v === undefined || v === '') return undefined;
    const t = Date.parse(v);
    if (Number.isNaN(t)) throw messages.badTime(this.file, jsonPath([...path, key]), v);
    return new Date(t).toISOString();
  }

  fail(path: Path, problem: string): never {
    throw messages.invalid(this.file, jsonPath(path), problem);
  }
}

/** The last path segment of a display path without its data extensions, as a fallback device name. */
export function fileStem(displayPath: string): string {
  const base = displayPath.split(/[\\/]/).pop() ?? displayPath;
  return base.replace(/(\.(json|sarif|cdx|bom|vex|gz))+$/i, '') || base;
}
