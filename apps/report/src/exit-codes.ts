/**
 * Exit codes of the `exposure` CLI, and the errors that carry them. Scheduled jobs branch on
 * these, so they are part of the CLI's contract (see README "Exit codes").
 */

export const ExitCode = {
  /** Everything asked for was written. */
  ok: 0,
  /** Something failed that is not the user's input: a renderer, the disk, Chromium, a bug. */
  failure: 1,
  /** Bad usage (unknown option, bad value, refused --out) or bad input (a file Exposure cannot read). */
  usage: 2,
  /** A CI gate (--fail-on, --max-score, --fail-on-overdue, --fail-on-new-kev) was crossed; the output is complete. */
  gate: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure the user can fix by calling the CLI differently: exits 2 with just the message. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * A failure after part of the work succeeded (the site was written, the PDF was not): exits 1
 * with the message, which says what was kept and how to fix the rest.
 */
export class PartialFailure extends Error {
  override name = 'PartialFailure';
}

/** The fields of @exposure/ingest's InputError, matched structurally (see isInputError). */
export interface InputErrorLike {
  name: 'InputError';
  file: string;
  place: string | undefined;
  problem: string;
}

/**
 * Structural rather than `instanceof`: the CLI may meet InputErrors from a second copy of the
 * ingest package (source vs dist), and `instanceof` would then miss them and exit 1, not 2.
 */
export function isInputError(e: unknown): e is InputErrorLike {
  return (
    e instanceof Error &&
    e.name === 'InputError' &&
    typeof (e as Partial<InputErrorLike>).file === 'string' &&
    typeof (e as Partial<InputErrorLike>).problem === 'string'
  );
}

export function formatInputError(e: InputErrorLike): string {
  return `${e.file}${e.place ? ` (${e.place})` : ''}: ${e.problem}`;
}
