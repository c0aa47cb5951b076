/**
 * Typed access to a parsed scanner report. Every accessor takes the JSON path of the object it
 * reads, so that a wrong type or a missing field becomes an InputError naming the file and the
 * exact place (`$.Results[0].Vulnerabilities[3].VulnerabilityID`).
 */
import { jsonPath, messages } from '../../messages.js';
import { isoUtc } from '../../time.js';

export type JsonObject = Readonly<Record<string, unknown>>;
export type JsonPath = ReadonlyArray<string | number>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Scanners write `null` or `""` for an absent value as often as they leave the key out. */
function absent(v: unknown): v is undefined | null | '' {
  return v === undefined || v === null || v === '';
}

export class JsonFields {
  constructor(readonly file: string) {}

  /** The value itself as an object. */
  object(value: unknown, path: JsonPath): JsonObject {
    if (!isObject(value)) throw messages.wrongType(this.file, jsonPath(path), 'an object', value);
    return value;
  }

  /** obj[key] as an object, or undefined when absent. */
  optObject(obj: JsonObject, key: string, path: JsonPath): JsonObject | undefined {
    const v = obj[key];
    if (absent(v)) return undefined;
    return this.object(v, [...path, key]);
  }

  /** obj[key] as an array; absent (or null, as Go's encoder writes an empty slice) is []. */
  list(obj: JsonObject, key: string, path: JsonPath): readonly unknown[] {
    const v = obj[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v))
      throw messages.wrongType(this.file, jsonPath([...path, key]), 'an array', v);
    return v;
  }

  /** obj[key] as a non-empty string; missing or empty is an error. */
  str(obj: JsonObject, key: string, path: JsonPath): string {
    const v = obj[key];
    if (absent(v)) throw messages.missing(this.file, jsonPath([...path, key]), key);
    if (typeof v !== 'string')
      throw messages.wrongType(this.file, jsonPath([...path, key]), 'a string', v);
    return v;
  }

  /** obj[key] as a string, or undefined when absent or empty. */
  optStr(obj: JsonObject, key: string, path: JsonPath): string | undefined {
    const v = obj[key];
    if (absent(v)) return undefined;
    if (typeof v !== 'string')
      throw messages.wrongType(this.file, jsonPath([...path, key]), 'a string', v);
    return v;
  }

  /** obj[key] as a finite number, or undefined when absent. */
  optNum(obj: JsonObject, key: string, path: JsonPath): number | undefined {
    const v = obj[key];
    if (absent(v)) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw messages.wrongType(this.file, jsonPath([...path, key]), 'a number', v);
    }
    return v;
  }

  /** obj[key] as a list of strings (absent is []). */
  strings(obj: JsonObject, key: string, path: JsonPath): string[] {
    return this.list(obj, key, path).map((v, i) => {
      if (typeof v !== 'string')
        throw messages.wrongType(this.file, jsonPath([...path, key, i]), 'a string', v);
      return v;
    });
  }

  /** Each element of obj[key] as an object, with its path. */
  objects(
    obj: JsonObject,
    key: string,
    path: JsonPath,
  ): Array<{ item: JsonObject; path: JsonPath }> {
    return this.list(obj, key, path).map((v, i) => {
      const p = [...path, key, i];
      return { item: this.object(v, p), path: p };
    });
  }

  /** obj[key] as an ISO 8601 time normalised to UTC (`…Z`), or undefined when absent. */
  optTime(obj: JsonObject, key: string, path: JsonPath): string | undefined {
    const v = this.optStr(obj, key, path);
    if (v === undefined) return undefined;
    const iso = isoUtc(v);
    if (iso === undefined) throw messages.badTime(this.file, jsonPath([...path, key]), v);
    return iso;
  }

  /** Throws an InputError at `path`. */
  fail(path: JsonPath, problem: string): never {
    throw messages.invalid(this.file, jsonPath(path), problem);
  }
}

/** The last path segment of a display path without its data extensions, as a fallback device name. */
export function fileStem(displayPath: string): string {
  const base = displayPath.split(/[\\/]/).pop() ?? displayPath;
  return base.replace(/(\.(json|sarif|cdx|bom|vex|gz))+$/i, '') || base;
}
