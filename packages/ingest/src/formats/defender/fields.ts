/**
 * Typed, validated access to the fields of one Defender record.
 *
 * The JSON API spells keys in camelCase (`deviceId`, `osPlatform`); the files behind an export's
 * `exportFiles[]` spell the same keys in PascalCase (`DeviceId`, `OSPlatform`). A file uses one
 * casing throughout, so the casing is chosen once per file (from its first record) and every
 * lookup is then a plain property read: that matters for exports of millions of lines.
 */
import { jsonPath, messages } from '../../messages.js';
import { isoUtc } from '../../time.js';

export type DefenderRecord = Record<string, unknown>;

/** Where the record being read sits in its file, for error messages. Errors are rare: build lazily. */
export interface Locator {
  readonly file: string;
  /** The place of a field of the current record (or of the record itself), e.g. `$.value[3].cveId`. */
  at(field?: string): string;
}

/** A locator over a parsed JSON document: `$.value[i]`, `$[i]` or `$`. */
export class JsonLocator implements Locator {
  index = 0;
  constructor(
    readonly file: string,
    private readonly base: ReadonlyArray<string | number>,
    private readonly indexed: boolean,
  ) {}
  at(field?: string): string {
    return jsonPath([
      ...this.base,
      ...(this.indexed ? [this.index] : []),
      ...(field === undefined ? [] : [field]),
    ]);
  }
}

/** A locator over JSON lines: `line 12, $.CveId`. */
export class LineLocator implements Locator {
  line = 0;
  constructor(readonly file: string) {}
  at(field?: string): string {
    return field === undefined ? `line ${this.line}` : `line ${this.line}, ${jsonPath([field])}`;
  }
}

/** PascalCase spellings that are not just the camelCase name with a capital first letter. */
const PASCAL_EXCEPTIONS: Record<string, string> = {
  osPlatform: 'OSPlatform',
  osVersion: 'OSVersion',
  osArchitecture: 'OSArchitecture',
};

export function pascalName(camel: string): string {
  return PASCAL_EXCEPTIONS[camel] ?? camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** True when a record spells its keys in PascalCase (export files). */
export function isPascalRecord(rec: DefenderRecord): boolean {
  for (const key in rec) return /^[A-Z]/.test(key);
  return false;
}

/** The key names of one file, in its casing: `keys.deviceId` is `DeviceId` in an export file. */
export function keyNames<K extends string>(
  names: readonly K[],
  pascal: boolean,
): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const n of names) out[n] = pascal ? pascalName(n) : n;
  return out;
}

export function isRecord(v: unknown): v is DefenderRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function requireRecord(v: unknown, loc: Locator): DefenderRecord {
  if (!isRecord(v))
    throw messages.wrongType(loc.file, loc.at(), 'an object (one Defender record)', v);
  return v;
}

/** A string that must be present and non-empty. */
export function requiredString(rec: DefenderRecord, key: string, loc: Locator): string {
  const v = rec[key];
  if (v === undefined || v === null || v === '') throw messages.missing(loc.file, loc.at(key), key);
  if (typeof v !== 'string') throw messages.wrongType(loc.file, loc.at(key), 'a string', v);
  return v;
}

/**
 * A string that must be present as a key, but may be null: Defender writes `"cveId": null` for
 * software that is listed as vulnerable without a named vulnerability. Returns null then.
 */
export function nullableString(rec: DefenderRecord, key: string, loc: Locator): string | null {
  const v = rec[key];
  if (v === undefined) throw messages.missing(loc.file, loc.at(key), key);
  if (v === null || v === '') return null;
  if (typeof v !== 'string') throw messages.wrongType(loc.file, loc.at(key), 'a string or null', v);
  return v;
}

export function optionalString(rec: DefenderRecord, key: string, loc: Locator): string | undefined {
  const v = rec[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw messages.wrongType(loc.file, loc.at(key), 'a string', v);
  return v;
}

/** A number; Defender documents some numbers as strings (`configurationImpact`), so numeric strings pass. */
export function optionalNumber(rec: DefenderRecord, key: string, loc: Locator): number | undefined {
  const v = rec[key];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n))
    throw messages.wrongType(loc.file, loc.at(key), 'a number', v);
  return n;
}

export function optionalBoolean(
  rec: DefenderRecord,
  key: string,
  loc: Locator,
): boolean | undefined {
  const v = rec[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw messages.wrongType(loc.file, loc.at(key), 'true or false', v);
  return v;
}

export function optionalStringArray(
  rec: DefenderRecord,
  key: string,
  loc: Locator,
): string[] | undefined {
  const v = rec[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) {
    throw messages.wrongType(loc.file, loc.at(key), 'a list of strings', v);
  }
  return v as string[];
}

/** A number within [min, max], else an InputError naming the range. */
export function inRange(
  n: number | undefined,
  min: number,
  max: number,
  key: string,
  loc: Locator,
): number | undefined {
  if (n !== undefined && (n < min || n > max)) {
    throw messages.invalid(
      loc.file,
      loc.at(key),
      `should be between ${min} and ${max}, found ${n}`,
    );
  }
  return n;
}

/**
 * Defender times as ISO 8601 UTC, or undefined when the value is not a time (the one strict
 * parser, src/time.ts). Defender writes `2018-08-02T14:55:03.7791856Z` (seven fraction digits)
 * and, in assessment exports, `2020-12-30 14:17:26` (no `T`, no zone: UTC). The assessment
 * exports refuse an unreadable last-seen time (devices.ts); the machine list's `lastSeen` drops it,
 * as anonymised machine lists carry junk there.
 */
export function defenderTime(raw: string | undefined): string | undefined {
  return raw === undefined ? undefined : isoUtc(raw);
}
