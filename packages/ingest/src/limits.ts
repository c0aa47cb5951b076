/**
 * Bounds on reading one input, so that a gzip bomb, a huge document or a huge line is refused
 * with exit 2 (naming the file and the limit) instead of exhausting memory (a V8 fatal error).
 *
 * | limit            | what it bounds (decompressed)                              | default | CLI option / variable                         |
 * | ---------------- | ---------------------------------------------------------- | ------- | --------------------------------------------- |
 * | maxDocumentBytes | a format read whole (JSON documents), held in memory       | 256 MiB | --max-document-mb / EXPOSURE_MAX_DOCUMENT_MB  |
 * | maxStreamBytes   | a streamed format (JSON lines, CSV, native snapshots)      | 8 GiB   | --max-input-mb / EXPOSURE_MAX_INPUT_MB        |
 * | maxLineBytes     | one line of a JSON-lines file, one record of a CSV         | 16 MiB  | --max-line-mb / EXPOSURE_MAX_LINE_MB          |
 *
 * A value set with setInputLimits (the CLI's options) wins over the variable, which wins over the
 * default. The VS Code extension reads its sources through the same limits.
 */
import { InputError } from './messages.js';

const MiB = 1024 * 1024;

export interface InputLimits {
  maxDocumentBytes: number;
  maxStreamBytes: number;
  maxLineBytes: number;
}

type LimitName = 'document' | 'input' | 'line';

const SETTINGS: Record<
  LimitName,
  { key: keyof InputLimits; variable: string; option: string; mib: number }
> = {
  document: {
    key: 'maxDocumentBytes',
    variable: 'EXPOSURE_MAX_DOCUMENT_MB',
    option: '--max-document-mb',
    mib: 256,
  },
  input: {
    key: 'maxStreamBytes',
    variable: 'EXPOSURE_MAX_INPUT_MB',
    option: '--max-input-mb',
    mib: 8192,
  },
  line: { key: 'maxLineBytes', variable: 'EXPOSURE_MAX_LINE_MB', option: '--max-line-mb', mib: 16 },
};

const overrides: Partial<Record<LimitName, number>> = {};

function positive(value: unknown): number | undefined {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Sets limits for this process, in MiB (the CLI's --max-…-mb options); undefined keeps the rest. */
export function setInputLimits(mib: Partial<Record<LimitName, number | undefined>>): void {
  for (const name of Object.keys(SETTINGS) as LimitName[]) {
    const value = positive(mib[name]);
    if (value !== undefined) overrides[name] = value;
    else if (name in mib) delete overrides[name];
  }
}

export function inputLimits(): InputLimits {
  const limits = {} as InputLimits;
  for (const [name, s] of Object.entries(SETTINGS) as Array<
    [LimitName, (typeof SETTINGS)[LimitName]]
  >) {
    const mib = overrides[name] ?? positive(process.env[s.variable]) ?? s.mib;
    limits[s.key] = Math.floor(mib * MiB);
  }
  return limits;
}

/** An input over one of the limits (an InputError: exit 2), saying which. */
export class LimitError extends InputError {
  constructor(
    file: string,
    place: string | undefined,
    problem: string,
    readonly limit: LimitName,
  ) {
    super(file, place, problem);
  }
}

/** `what` of `file` is over the limit `name`: refused, with how to raise the limit if genuine. */
export function tooLarge(file: string, name: LimitName, what: string, place?: string): LimitError {
  const s = SETTINGS[name];
  const limit = inputLimits()[s.key];
  return new LimitError(
    file,
    place,
    `${what} is larger than the limit of ${+(limit / MiB).toFixed(2)} MiB decompressed; refused ` +
      `(if the file is genuine, raise the limit with ${s.option} <MiB> or ${s.variable}=<MiB>)`,
    name,
  );
}
