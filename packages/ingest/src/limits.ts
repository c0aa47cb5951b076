/**
 * Bounds on reading one input, so that a gzip bomb or a huge document is refused with exit 2
 * (naming the file and the limit) instead of exhausting memory (a V8 fatal error).
 *
 * - maxDocumentBytes: formats read whole (JSON documents) are held in memory at most this big,
 *   decompressed. Default 256 MiB; EXPOSURE_MAX_DOCUMENT_MB overrides it.
 * - maxStreamBytes: streamed formats (JSON lines, CSV, native snapshots) are read at most this
 *   far, decompressed. Default 8 GiB; EXPOSURE_MAX_INPUT_MB overrides it.
 */
import { InputError } from './messages.js';

const MiB = 1024 * 1024;

function fromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value * MiB : fallback;
}

export function inputLimits(): { maxDocumentBytes: number; maxStreamBytes: number } {
  return {
    maxDocumentBytes: fromEnv('EXPOSURE_MAX_DOCUMENT_MB', 256 * MiB),
    maxStreamBytes: fromEnv('EXPOSURE_MAX_INPUT_MB', 8192 * MiB),
  };
}

export function tooLarge(file: string, limit: number, what: string, variable: string): InputError {
  return new InputError(
    file,
    undefined,
    `${what} is larger than the limit of ${Math.round(limit / MiB)} MiB decompressed; refused ` +
      `(if the file is genuine, raise the limit with ${variable}=<MiB>)`,
  );
}
