/**
 * Where a JSON text first goes wrong, and what is wrong there, for messages. `JSON.parse` names no
 * position for some errors (`Unexpected token 'N', "…" is not valid JSON` for NaN, Infinity or a
 * comment), so this scanner walks the text itself. It is iterative (a hostile file of a million
 * `[` cannot overflow the stack) and runs only after `JSON.parse` has failed.
 */

export interface SyntaxProblem {
  /** Offset of the first character that is wrong; text.length when the text ends too early. */
  offset: number;
  /** The problem in words, when it is one worth explaining (NaN, a comment, a trailing comma …). */
  problem?: string;
}

class Stop {
  constructor(readonly offset: number) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** Offset just past the string that starts at `i` (a `"`). */
function skipString(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) throw new Stop(j);
    if (c === 0x5c) {
      const e = text[j + 1];
      if (e === undefined) break;
      if (e === 'u') {
        if (j + 6 > text.length) break;
        if (!HEX4.test(text.slice(j + 2, j + 6))) throw new Stop(j);
        j += 6;
      } else if (ESCAPES.has(e)) j += 2;
      else throw new Stop(j);
    } else j++;
  }
  throw new Stop(text.length);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

const enum State {
  Value,
  Key,
  After,
}

/** The offset of the first syntax error, or undefined when the text is valid JSON. */
function firstError(text: string): number | undefined {
  const stack: Array<'[' | '{'> = [];
  let state = State.Value;
  let opened = false;
  let i = 0;
  const n = text.length;
  try {
    for (;;) {
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      if (i >= n) return state === State.After && stack.length === 0 ? undefined : n;
      const c = text[i]!;
      if (state === State.Value) {
        if (c === '{' || c === '[') {
          stack.push(c);
          i++;
          state = c === '{' ? State.Key : State.Value;
          opened = true;
          continue;
        }
        if (c === ']' && opened && stack.at(-1) === '[') {
          stack.pop();
          i++;
          state = State.After;
          continue;
        }
        opened = false;
        if (c === '"') i = skipString(text, i);
        else if (text.startsWith('true', i)) i += 4;
        else if (text.startsWith('false', i)) i += 5;
        else if (text.startsWith('null', i)) i += 4;
        else {
          NUMBER.lastIndex = i;
          if (!NUMBER.test(text)) return i;
          i = NUMBER.lastIndex;
        }
        state = State.After;
      } else if (state === State.Key) {
        if (c === '}' && opened) {
          stack.pop();
          i++;
          state = State.After;
          continue;
        }
        opened = false;
        if (c !== '"') return i;
        i = skipString(text, i);
        while (i < n && isSpace(text.charCodeAt(i))) i++;
        if (i >= n) return n;
        if (text[i] !== ':') return i;
        i++;
        state = State.Value;
      } else {
        const top = stack.at(-1);
        if (top === undefined) return i;
        if (c === ',') {
          i++;
          state = top === '{' ? State.Key : State.Value;
        } else if ((top === '[' && c === ']') || (top === '{' && c === '}')) {
          stack.pop();
          i++;
        } else return i;
      }
    }
  } catch (e) {
    if (e instanceof Stop) return e.offset;
    throw e;
  }
}

function explain(text: string, at: number): string | undefined {
  const rest = text.slice(at, at + 9);
  const token = /^(-?Infinity|NaN)/.exec(rest)?.[1];
  if (token)
    return `${token} is not a JSON number (JSON has no NaN or Infinity: write null or a number)`;
  if (rest.startsWith('//') || rest.startsWith('/*'))
    return 'a comment: JSON has no comments (remove it)';
  if (rest.startsWith("'")) return 'a single-quoted string: JSON strings use double quotes';
  const c = text.charCodeAt(at);
  if (c < 0x20 && text.lastIndexOf('"', at) > text.lastIndexOf('\n', at - 1))
    return 'a raw control character inside a string (write it escaped, e.g. \\n)';
  if (rest.startsWith('\\')) return 'a bad escape in a string';
  if (rest[0] === '}' || rest[0] === ']') {
    let j = at - 1;
    while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
    if (text[j] === ',') return `a trailing comma before ${rest[0]}`;
  }
  return undefined;
}

/** The first problem of a text that `JSON.parse` refused; undefined when this scanner finds none. */
export function jsonSyntaxProblem(text: string): SyntaxProblem | undefined {
  const offset = firstError(text);
  if (offset === undefined) return undefined;
  const problem = offset < text.length ? explain(text, offset) : undefined;
  return { offset, ...(problem !== undefined && { problem }) };
}

/** Line and column of a character offset, for JSON syntax errors. */
export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return `line ${line}, column ${offset - last}`;
}

/**
 * Where and what is wrong with a text JSON.parse refused, in words that quote at most one
 * character of it: a message may reach a person who must not see the document (a redirect's
 * body) and a terminal that must not receive its bytes.
 */
export function jsonSyntaxMessage(text: string): string {
  const found = jsonSyntaxProblem(text);
  if (found === undefined) return 'not valid JSON';
  const trimmed = text.trimEnd().length;
  if (found.offset >= trimmed)
    return `${lineColumn(text, trimmed)}: the document ends early (truncated?)`;
  const problem =
    found.problem ?? `unexpected ${JSON.stringify(text.slice(found.offset, found.offset + 1))}`;
  return `${lineColumn(text, found.offset)}: ${problem}`;
}
