import { describe, expect, it } from 'vitest';

// The setup file's tester (buffer-equality.ts) must still tell different bytes apart.
describe('buffer equality in tests', () => {
  it('tells equal bytes from different bytes, inside maps too', () => {
    expect(Buffer.from('abc')).toEqual(Buffer.from('abc'));
    expect(Buffer.from('abc')).not.toEqual(Buffer.from('abd'));
    expect(Buffer.from('abc')).not.toEqual(Buffer.from('abcd'));
    const tree = (s: string) => new Map([['index.html', Buffer.from(s)]]);
    expect(tree('<p>1</p>')).toEqual(tree('<p>1</p>'));
    expect(tree('<p>1</p>')).not.toEqual(tree('<p>2</p>'));
    expect(new Uint8Array([1, 2, 3]).subarray(1)).toEqual(Buffer.from([2, 3]));
  });
});
