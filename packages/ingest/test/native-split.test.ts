import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitDocument, SplitError } from '../src/formats/native/split.js';

const SECTIONS = new Set(['devices', 'findings']);

/** The document cut into chunks of the given sizes, as a stream would give them. */
async function* chunked(bytes: Buffer, sizes: readonly number[]): AsyncGenerator<Buffer> {
  let at = 0;
  let k = 0;
  while (at < bytes.length) {
    const n = Math.max(1, sizes.length ? sizes[k++ % sizes.length]! : bytes.length);
    yield bytes.subarray(at, at + n);
    at += n;
  }
}

async function split(text: string | Buffer, sizes: readonly number[] = []) {
  const fields: Record<string, unknown> = {};
  const sections: Record<string, unknown[]> = {};
  const done: string[] = [];
  await splitDocument(chunked(Buffer.from(text), sizes), SECTIONS, {
    field: (k, v) => (fields[k] = v),
    element: (s, v, i) => {
      (sections[s] ??= [])[i] = v;
    },
    sectionDone: (s) => done.push(s),
  });
  return { fields, sections, done };
}

/** Strings with what breaks naive scanners: quotes, backslashes before quotes, braces, UTF-8. */
const tricky = fc.oneof(
  fc.string(),
  fc.constantFrom('\\', '"', '\\"', '\\\\', '{', '}', '[', ']', ',', ':', 'é€𝄞', ' \n\t'),
  fc.array(fc.constantFrom('\\', '"', 'a', '}', ']', 'é'), { maxLength: 8 }).map((a) => a.join('')),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    tricky,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(tricky, tie('v'), { maxKeys: 3 }),
  ),
})).v;

describe('splitDocument', () => {
  it('gives what JSON.parse gives, whatever the chunk boundaries and spacing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          schema: tricky,
          devices: fc.array(value, { maxLength: 5 }),
          findings: fc.array(value, { maxLength: 5 }),
          other: value,
        }),
        // Tiny chunks cut every token; larger ones leave whole strings and elements inside one.
        fc.array(fc.oneof(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 8, max: 300 })), {
          maxLength: 5,
        }),
        fc.constantFrom(undefined, 1, '\t'),
        async (doc, sizes, indent) => {
          const text = JSON.stringify(doc, null, indent);
          const parsed = JSON.parse(text) as typeof doc;
          const out = await split(text, sizes);
          expect(out.fields).toEqual({ schema: parsed.schema, other: parsed.other });
          expect(out.sections.devices ?? []).toEqual(parsed.devices);
          expect(out.sections.findings ?? []).toEqual(parsed.findings);
          expect(out.done.sort()).toEqual(['devices', 'findings']);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('skips a UTF-8 byte order mark', async () => {
    const out = await split(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]),
    );
    expect(out.fields).toEqual({ a: 1 });
  });

  it.each([
    ['[1,2]', 'not-object', undefined, undefined],
    ['{"devices":[{"id":"a"},{"id":"b"', 'truncated', 'devices', 1],
    ['{"devices":[{"id":"a"},{"id":}]}', 'syntax', 'devices', 1],
    ['{"a" 1}', 'syntax', undefined, undefined],
    ['{"a":1} x', 'syntax', undefined, undefined],
    ['{"a":"unterminated', 'truncated', undefined, 0],
  ])('refuses %s (%s), naming the element', async (text, kind, section, index) => {
    const error = await split(text, [3]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SplitError);
    expect(error).toMatchObject({
      kind,
      ...(section && { section }),
      ...(index !== undefined && section && { index }),
    });
  });
});
