/**
 * Byte buffers compared as bytes. Vitest's deep equality walks a Buffer element by element, which
 * costs some 35 s of CPU per comparison of two demo sites (≈550 files): the kill test compared 22
 * of them and took over ten minutes. Buffer.equals is a memcmp; a mismatch still shows the diff.
 */
import { expect } from 'vitest';

expect.addEqualityTesters([
  function sameBytes(a: unknown, b: unknown): boolean | undefined {
    if (a instanceof Uint8Array && b instanceof Uint8Array)
      return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
    return undefined;
  },
]);
