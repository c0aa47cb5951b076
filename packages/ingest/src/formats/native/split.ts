/**
 * Splits a JSON document whose top level is an object into its fields, and the named arrays
 * among them into their elements, without building the document: a scan of the bytes finds where
 * each element starts and ends (tracking strings, escapes and nesting only), and JSON.parse reads
 * elements in batches. A token-by-token parser (stream-json) was ~4× slower per finding here, and
 * V8 caps one string near 512 MiB, so files above that are read this way.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/**
 * Elements are parsed in batches of about this many bytes. Small enough that a batch's objects
 * (~330 findings) die young: with 4 MiB batches (~20,000 findings alive at each scavenge) the
 * collector copied them, and GC took twice as long when streaming 1M findings (1.5–1.7 s against
 * 0.6–0.8 s); JSON.parse costs no more per byte at this size.
 */
const BATCH_BYTES = 64 * 1024;

export interface SplitHandler {
  /** A field of the top-level object that is not one of the split arrays. */
  field(key: string, value: unknown): void;
  element(section: string, value: unknown, index: number): void;
  sectionDone(section: string): void;
}

/** What went wrong, where: `section`/`index` name the element, when in one. */
export class SplitError extends Error {
  constructor(
    message: string,
    readonly kind: 'syntax' | 'truncated' | 'not-object',
    readonly section?: string,
    readonly index?: number,
  ) {
    super(message);
  }
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

export async function splitDocument(
  chunks: AsyncIterable<Buffer>,
  sections: ReadonlySet<string>,
  on: SplitHandler,
): Promise<void> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let started = false;
  /** At depth 1: what comes next. */
  // Widened: finishCapture (a closure) sets it too, which narrowing does not see.
  let expect = 'key' as 'key' | 'colon' | 'value' | 'comma';
  let key = '';
  let section: string | undefined;
  let index = 0;
  /** The value being captured: where it started in this chunk (-1: in an earlier one), its parts. */
  let capturing = false;
  let captureDepth = 0;
  let captureStart = 0;
  let parts: Buffer[] = [];
  /** The captured thing is a key (depth 1) rather than a value. */
  let capturingKey = false;
  /** The elements of the batch, decoded. */
  let batch: string[] = [];
  let batchBytes = 0;
  let batchFirst = 0;

  const flush = (): void => {
    if (batch.length === 0) return;
    const text = `[${batch.join(',')}]`;
    let values: unknown[];
    try {
      values = JSON.parse(text) as unknown[];
    } catch {
      // Find the element at fault, for the message.
      for (let k = 0; k < batch.length; k++) {
        try {
          JSON.parse(batch[k]!);
        } catch (e) {
          throw new SplitError((e as Error).message, 'syntax', section, batchFirst + k);
        }
      }
      throw new SplitError('is not valid JSON', 'syntax', section, batchFirst);
    }
    for (let k = 0; k < values.length; k++) on.element(section!, values[k], batchFirst + k);
    batch = [];
    batchBytes = 0;
  };

  const finishCapture = (chunk: Buffer, end: number): void => {
    parts.push(chunk.subarray(captureStart, end));
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    parts = [];
    capturing = false;
    if (capturingKey) {
      key = JSON.parse(bytes.toString('utf8')) as string;
      capturingKey = false;
      expect = 'colon';
      return;
    }
    if (section !== undefined) {
      if (batch.length === 0) batchFirst = index;
      // Decoded now (an element starts and ends on an ASCII byte, so alone it decodes as within
      // the file), as the chunk it points into may be reused by the stream: a copy of its bytes
      // to decode later cost ~6 % more CPU reading 1M findings (7.3 s against 6.8 s, load ~9).
      batch.push(bytes.toString('utf8'));
      batchBytes += bytes.length;
      index++;
      if (batchBytes >= BATCH_BYTES) flush();
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch (e) {
      throw new SplitError((e as Error).message, 'syntax');
    }
    on.field(key, value);
    expect = 'comma';
  };

  const startCapture = (at: number, asKey = false): void => {
    capturing = true;
    captureDepth = depth;
    captureStart = at;
    capturingKey = asKey;
  };

  for await (const chunk of chunks) {
    let i = 0;
    if (!started && chunk.subarray(0, 3).equals(BOM)) i = 3;
    const n = chunk.length;
    while (i < n) {
      if (inString) {
        const q = chunk.indexOf(QUOTE, i);
        if (q < 0) {
          // A run of backslashes at the end escapes the first byte of the next chunk when odd.
          let run = 0;
          for (let k = n - 1; k >= i && chunk[k] === BACKSLASH; k--) run++;
          escaped = run === n - i ? (escaped ? run % 2 === 0 : run % 2 === 1) : run % 2 === 1;
          i = n;
          break;
        }
        let run = 0;
        for (let k = q - 1; k >= i && chunk[k] === BACKSLASH; k--) run++;
        if (run === q - i && escaped) run++;
        escaped = false;
        i = q + 1;
        if (run % 2 === 1) continue;
        inString = false;
        if (capturing && depth === captureDepth) finishCapture(chunk, i);
        continue;
      }
      const b = chunk[i]!;
      if (isSpace(b)) {
        if (capturing && depth === captureDepth && !inString) finishPrimitive(chunk, i);
        i++;
        continue;
      }
      if (!started) {
        if (b !== OPEN_OBJECT) throw new SplitError('the document is not an object', 'not-object');
        started = true;
        depth = 1;
        i++;
        continue;
      }
      if (depth === 0) throw new SplitError('unexpected data after the end', 'syntax');
      if (
        capturing &&
        depth === captureDepth &&
        (b === COMMA || b === CLOSE_ARRAY || b === CLOSE_OBJECT)
      )
        finishPrimitive(chunk, i);
      if (depth === 1 && !capturing) {
        if (expect === 'key') {
          if (b === QUOTE) {
            startCapture(i, true);
            inString = true;
          } else if (b === CLOSE_OBJECT) depth = 0;
          else
            throw new SplitError(
              `expected a field name, found "${String.fromCharCode(b)}"`,
              'syntax',
            );
          i++;
          continue;
        }
        if (expect === 'colon') {
          if (b !== COLON) throw new SplitError('expected ":" after a field name', 'syntax');
          expect = 'value';
          i++;
          continue;
        }
        if (expect === 'comma') {
          if (b === COMMA) expect = 'key';
          else if (b === CLOSE_OBJECT) depth = 0;
          else throw new SplitError('expected "," or "}" after a field', 'syntax');
          i++;
          continue;
        }
        // A value at depth 1.
        if (b === OPEN_ARRAY && sections.has(key)) {
          section = key;
          index = 0;
          depth = 2;
          i++;
          continue;
        }
        startCapture(i);
      } else if (depth === 2 && section !== undefined && !capturing) {
        if (b === CLOSE_ARRAY) {
          flush();
          on.sectionDone(section);
          section = undefined;
          depth = 1;
          expect = 'comma';
          i++;
          continue;
        }
        if (b === COMMA) {
          i++;
          continue;
        }
        startCapture(i);
      }
      if (b === QUOTE) inString = true;
      else if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
      else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        depth--;
        if (capturing && depth === captureDepth) finishCapture(chunk, i + 1);
      }
      i++;
    }
    if (capturing) {
      parts.push(Buffer.from(chunk.subarray(captureStart)));
      captureStart = 0;
    }
  }
  if (!started || depth !== 0 || inString)
    throw new SplitError('ends early', 'truncated', section, index);

  /** A number, true, false or null ends at the first byte that is not part of it. */
  function finishPrimitive(chunk: Buffer, end: number): void {
    finishCapture(chunk, end);
  }
}
