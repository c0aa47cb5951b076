/**
 * A state's finding columns in a history state file: each column is the bytes of the narrowest
 * integer array that holds its values, little-endian, in base64, with that type. 400,000 findings
 * are 8 columns of 400,000 integers: as JSON numbers they took most of the time of writing and
 * reading the history; as bytes they are one copy each way, and half the size.
 */
import { endianness } from 'node:os';
import type { FindingColumns } from '@exposure/score';
import { messages } from './messages.js';

const TYPES = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16le: Uint16Array,
  int16le: Int16Array,
  uint32le: Uint32Array,
  int32le: Int32Array,
} as const;
type ColumnType = keyof typeof TYPES;
type IntArray = InstanceType<(typeof TYPES)[ColumnType]>;

const COLUMNS: ReadonlyArray<keyof FindingColumns> = [
  'device',
  'weakness',
  'software',
  'version',
  'fixedVersion',
  'status',
  'activeAlert',
  'recommendation',
];

/** The narrowest type that holds every value (the columns hold indexes, and -1 for none). */
function typeFor(values: ArrayLike<number>): ColumnType {
  let min = 0;
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min >= 0) return max <= 0xff ? 'uint8' : max <= 0xffff ? 'uint16le' : 'uint32le';
  if (min >= -0x80 && max <= 0x7f) return 'int8';
  return min >= -0x8000 && max <= 0x7fff ? 'int16le' : 'int32le';
}

export interface EncodedColumn {
  type: ColumnType;
  base64: string;
}

export type EncodedColumns = Record<keyof FindingColumns, EncodedColumn>;

const BIG_ENDIAN = endianness() === 'BE';

function swap(bytes: Buffer, width: number): Buffer {
  return width === 4 ? bytes.swap32() : width === 2 ? bytes.swap16() : bytes;
}

function bytesOf(values: ArrayLike<number>, type: ColumnType): Buffer {
  const typed: IntArray =
    values instanceof TYPES[type] ? (values as IntArray) : TYPES[type].from(values);
  const bytes = Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength);
  // Files are little-endian whatever the machine: swap a copy, never the column itself.
  return BIG_ENDIAN ? swap(Buffer.from(bytes), typed.BYTES_PER_ELEMENT) : bytes;
}

export function encodeColumns(columns: FindingColumns): EncodedColumns {
  const out = {} as EncodedColumns;
  for (const key of COLUMNS) {
    const type = typeFor(columns[key]);
    out[key] = { type, base64: bytesOf(columns[key], type).toString('base64') };
  }
  return out;
}

function isEncoded(v: unknown): v is EncodedColumn {
  return typeof v === 'object' && v !== null && 'type' in v && 'base64' in v;
}

/** The columns of a state read from `file`: typed arrays, or plain arrays as the first layout has. */
export function decodeColumns(raw: unknown, file: string): FindingColumns {
  if (typeof raw !== 'object' || raw === null)
    throw messages.wrongType(file, 'state.findings', 'an object of columns', raw);
  const record = raw as Record<string, unknown>;
  const out = {} as Record<keyof FindingColumns, ArrayLike<number>>;
  for (const key of COLUMNS) {
    const where = `state.findings.${key}`;
    const v = record[key];
    if (Array.isArray(v)) {
      out[key] = v as number[];
      continue;
    }
    if (!isEncoded(v) || typeof v.base64 !== 'string' || !Object.hasOwn(TYPES, v.type))
      throw messages.wrongType(file, where, 'a column ({ "type", "base64" }) or a list', v);
    const Type = TYPES[v.type];
    const bytes = Buffer.from(v.base64, 'base64');
    if (bytes.length % Type.BYTES_PER_ELEMENT !== 0)
      throw messages.invalid(
        file,
        where,
        `holds ${bytes.length} bytes, not a whole number of ${v.type}`,
      );
    // A fresh, aligned buffer: the decoded bytes may sit at any offset of Node's pool.
    const copy = new Uint8Array(bytes.length);
    copy.set(bytes);
    if (BIG_ENDIAN) swap(Buffer.from(copy.buffer), Type.BYTES_PER_ELEMENT);
    out[key] = new Type(copy.buffer);
  }
  return out;
}
