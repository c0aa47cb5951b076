import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../src/context.js';
import { jsonSyntaxProblem } from '../src/json-syntax.js';
import { InputError } from '../src/messages.js';

function failure(text: string): InputError {
  try {
    parseJson(text, 'f.json');
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('parsed');
}

describe('JSON syntax errors', () => {
  it.each([
    ['{\n  "a": NaN\n}', 'line 2, column 8', /NaN is not a JSON number/],
    ['{"a": [1, -Infinity]}', 'line 1, column 11', /-Infinity is not a JSON number/],
    ['{"a": Infinity}', 'line 1, column 7', /Infinity is not a JSON number/],
    ['{\n  // note\n  "a": 1\n}', 'line 2, column 3', /a comment: JSON has no comments/],
    ['{"a": 1 /* x */}', 'line 1, column 9', /a comment/],
    ["{'a': 1}", 'line 1, column 2', /single-quoted/],
    ['[1, 2,\n]', 'line 2, column 1', /a trailing comma before \]/],
    ['{"a": 1,}', 'line 1, column 9', /a trailing comma before \}/],
    ['{"a": "x\ty"}', 'line 1, column 9', /raw control character/],
    ['{"a": 1} x', 'line 1, column 10', /./],
    ['{"a" 1}', 'line 1, column 6', /./],
  ])('%j is named at %s', (text, place, problem) => {
    const e = failure(text);
    expect(e.place).toBe(place);
    expect(e.problem).toMatch(problem);
    expect(e.message).not.toContain('somewhere');
  });

  it('a text that ends early is truncated, at its end', () => {
    expect(failure('{"a": [1, 2').problem).toMatch(/truncated/);
    expect(failure('{"a": "abc').problem).toMatch(/truncated/);
  });

  it('finds nothing wrong in valid JSON, and survives deep nesting', () => {
    fc.assert(
      fc.property(fc.json(), (text) => jsonSyntaxProblem(text) === undefined),
      { numRuns: 300 },
    );
    expect(jsonSyntaxProblem('['.repeat(1_000_000))?.offset).toBe(1_000_000);
  });

  it('agrees with JSON.parse on what is valid', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 3 }), (json, at, insert) => {
        const i = json.length === 0 ? 0 : at % json.length;
        const text = json.slice(0, i) + insert + json.slice(i);
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        return (jsonSyntaxProblem(text) === undefined) === valid;
      }),
      { numRuns: 1000 },
    );
  });
});
