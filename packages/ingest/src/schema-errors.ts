import type { ErrorObject } from 'ajv';

/** A schema violation in words: where (a JSON path) and what is wrong. */
export interface Violation {
  segments: Array<string | number>;
  problem: string;
}

/** The time pattern of both schemas; its violations read as "should be an ISO 8601 time". */
const TIME_PATTERN_HINT = '\\d{4}-\\d{2}-\\d{2}';

export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string')
    return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

function pointerSegments(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const article = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

function problemOf(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `is missing the required field "${String(p.missingProperty)}"`;
    case 'additionalProperties': {
      const known = Object.keys(
        (e.parentSchema as { properties?: object } | undefined)?.properties ?? {},
      );
      return `has an unknown field "${String(p.additionalProperty)}"${known.length ? ` (known fields: ${known.join(', ')})` : ''}`;
    }
    case 'enum':
      return `should be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, found ${describeValue(e.data)}`;
    case 'const':
      return `should be ${JSON.stringify(p.allowedValue)}, found ${describeValue(e.data)}`;
    case 'type': {
      const types = String(p.type).split(',').map(article).join(' or ');
      return `should be ${types}, found ${describeValue(e.data)}`;
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `should be ${String(p.comparison)} ${String(p.limit)}, found ${describeValue(e.data)}`;
    case 'minLength':
      return Number(p.limit) === 1
        ? 'should not be empty'
        : `should be at least ${String(p.limit)} characters long`;
    case 'minItems':
      return `should have at least ${String(p.limit)} item${Number(p.limit) === 1 ? '' : 's'}`;
    case 'pattern':
      return String(p.pattern).includes(TIME_PATTERN_HINT)
        ? `should be an ISO 8601 date or time (like 2026-11-01 or 2026-11-01T08:00:00Z), found ${describeValue(e.data)}`
        : `should match ${String(p.pattern)}, found ${describeValue(e.data)}`;
    default:
      return e.message ?? `fails the "${e.keyword}" rule`;
  }
}

/**
 * Turns Ajv's errors into readable violations. Branch errors of an `anyOf`/`oneOf` are folded into
 * one sentence when they are all missing fields ("needs one of …"); `if` errors are dropped because
 * the `then`/`else` branch already said what is wrong.
 */
export function toViolations(
  errors: readonly ErrorObject[],
  base: ReadonlyArray<string | number> = [],
): Violation[] {
  const out: Violation[] = [];
  const folded = new Set<ErrorObject>();
  const dropped = new Set<ErrorObject>();
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') continue;
    const branch = errors.filter((b) => b !== e && b.schemaPath.startsWith(e.schemaPath + '/'));
    if (
      branch.length > 0 &&
      branch.every((b) => b.keyword === 'required' && b.instancePath === e.instancePath)
    ) {
      branch.forEach((b) => folded.add(b));
      continue;
    }
    // "should be null" beside the real problem of the other branch is noise. Branches reached
    // through $ref have other schema paths, so look at every error at or under this place.
    const typeHere = (b: ErrorObject): boolean =>
      b.keyword === 'type' &&
      b.instancePath === e.instancePath &&
      /\/(anyOf|oneOf)\/\d+\/type$/.test(b.schemaPath);
    const under = errors.filter(
      (b) =>
        b !== e &&
        (b.instancePath === e.instancePath || b.instancePath.startsWith(e.instancePath + '/')),
    );
    if (under.some((b) => !typeHere(b) && b.keyword !== 'anyOf' && b.keyword !== 'oneOf')) {
      under.filter(typeHere).forEach((b) => dropped.add(b));
    }
  }
  const seen = new Set<string>();
  for (const e of errors) {
    if (folded.has(e) || dropped.has(e) || e.keyword === 'if') continue;
    let problem: string;
    if (
      (e.keyword === 'anyOf' || e.keyword === 'oneOf') &&
      errors.some((b) => folded.has(b) && b.schemaPath.startsWith(e.schemaPath + '/'))
    ) {
      const fields = errors
        .filter((b) => folded.has(b) && b.schemaPath.startsWith(e.schemaPath + '/'))
        .map((b) => `"${String((b.params as { missingProperty: string }).missingProperty)}"`);
      problem = `needs at least one of the fields ${fields.join(' or ')}`;
    } else if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      // The branch errors say more; keep this one only when it is alone.
      const here = (b: ErrorObject): boolean =>
        b.instancePath === e.instancePath || b.instancePath.startsWith(e.instancePath + '/');
      if (errors.some((b) => b !== e && here(b))) continue;
      problem = 'does not match any of the allowed forms';
    } else {
      problem = problemOf(e);
    }
    const segments = [...base, ...pointerSegments(e.instancePath)];
    const key = JSON.stringify(segments) + problem;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ segments, problem });
  }
  return out;
}
