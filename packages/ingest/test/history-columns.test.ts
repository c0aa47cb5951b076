import { describe, expect, it } from 'vitest';
import { decodeColumns, encodeColumns } from '../src/history-columns.js';
import { InputError } from '../src/messages.js';

const columns = {
  device: Uint32Array.from([0, 1, 4294967295]),
  weakness: Uint32Array.from([2, 0, 1]),
  software: Int32Array.from([-1, 0, 2147483647]),
  version: Int32Array.from([-1, -1, 3]),
  fixedVersion: Int32Array.from([5, -1, -2147483648]),
  status: Uint8Array.from([0, 1, 3]),
  activeAlert: Uint8Array.from([1, 0, 0]),
  recommendation: Int32Array.from([-1, 7, -1]),
};

describe('history state columns', () => {
  it('read back as the same typed arrays, through JSON', () => {
    const text = JSON.stringify(encodeColumns(columns));
    const back = decodeColumns(JSON.parse(text), 'state-x.json');
    // The narrowest type that holds each column's values.
    expect(Object.fromEntries(Object.entries(back).map(([k, v]) => [k, Array.from(v)]))).toEqual(
      Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Array.from(v)])),
    );
    expect(back.device).toBeInstanceOf(Uint32Array);
    expect(back.weakness).toBeInstanceOf(Uint8Array);
    expect(back.software).toBeInstanceOf(Int32Array);
    expect(back.version).toBeInstanceOf(Int8Array);
    expect(back.recommendation).toBeInstanceOf(Int8Array);
    const wide = Uint32Array.from([0, 300, 65535]);
    const narrow = decodeColumns(encodeColumns({ ...columns, device: wide }), 'f').device;
    expect(narrow).toBeInstanceOf(Uint16Array);
    expect(Array.from(narrow)).toEqual([0, 300, 65535]);
  });

  it('encodes plain lists too, and reads the first layout’s lists as they are', () => {
    const lists = Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Array.from(v)]));
    const back = decodeColumns(encodeColumns(lists as never), 'f');
    expect(Array.from(back.software)).toEqual(lists.software);
    expect(decodeColumns(lists, 'f')).toEqual(lists);
  });

  it('refuses a damaged column, naming the file and the column', () => {
    const encoded = encodeColumns(columns) as unknown as Record<string, unknown>;
    const odd = { ...encoded, weakness: { type: 'uint32le', base64: 'AAAA' } };
    expect(() => decodeColumns(odd, 'state-x.json')).toThrow(InputError);
    expect(() => decodeColumns(odd, 'state-x.json')).toThrow(
      /state-x\.json.*state\.findings\.weakness.*3 bytes/,
    );
    const wrong = { ...encoded, status: { type: 'float64', base64: '' } };
    expect(() => decodeColumns(wrong, 'state-x.json')).toThrow(/state\.findings\.status/);
  });
});
