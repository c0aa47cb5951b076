/**
 * Progress of a long run on stderr (reading, scoring, rendering, PDF, writing), drawn with
 * cli-progress: the phase, a bar when the amount of work is known (files read, pages rendered),
 * and what is being worked on. Drawn only when stderr is a terminal and --quiet is not given, so
 * logs of scheduled jobs and piped output stay clean; it never writes to stdout, which may carry
 * exposure.json.
 */
import cliProgress from 'cli-progress';
import type { OutputStream } from './io.js';
import { rawStream, terminalSafe } from './terminal-text.js';

export type Phase = 'reading' | 'scoring' | 'rendering' | 'pdf' | 'writing';

const PHASE_LABELS: Record<Phase, string> = {
  reading: 'Reading inputs',
  scoring: 'Scoring',
  rendering: 'Rendering the site',
  pdf: 'Printing the PDF',
  writing: 'Writing the output',
};

export interface Progress {
  /** Starts a phase; `total` is the amount of work in it, when known. */
  phase(phase: Phase, total?: number): void;
  /** How much of the phase's work is done (and, when it turns out only now, how much there is). */
  done(value: number, total?: number): void;
  /** What the current phase is working on, e.g. `scans/web-01.json`. */
  detail(text: string): void;
  /** Clears the line; call before printing anything else to stderr, and at the end. */
  stop(): void;
}

const silent: Progress = { phase() {}, done() {}, detail() {}, stop() {} };

interface Payload {
  label: string;
  detail: string;
}

export function createProgress(given: OutputStream, enabled: boolean): Progress {
  const stream = rawStream(given);
  if (!enabled || !stream.isTTY) return silent;
  const bar = new cliProgress.SingleBar({
    // cli-progress writes, moves the cursor and clears lines: all our stream needs is write().
    stream: stream as unknown as NodeJS.WritableStream,
    format: (options, params, payload: Payload) => {
      const counted =
        params.total > 0
          ? ` ${cliProgress.Format.BarFormat(params.progress, options)} ${params.value}/${params.total}`
          : '';
      const line = `${payload.label}${counted}${payload.detail ? ` ${payload.detail}` : ''}`;
      const width = Math.max(20, (stream.columns || 80) - 1);
      return line.length > width ? `${line.slice(0, width - 1)}…` : line;
    },
    barsize: 20,
    hideCursor: false,
    clearOnComplete: true,
    linewrap: false,
    fps: 10,
  });
  let started = false;
  let payload: Payload = { label: '', detail: '' };
  return {
    phase(phase, total = 0) {
      payload = { label: PHASE_LABELS[phase], detail: '' };
      if (!started) {
        bar.start(total, 0, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(0, payload);
      }
    },
    done(value, total) {
      if (!started) return;
      if (total !== undefined) bar.setTotal(total);
      bar.update(value);
    },
    detail(text) {
      payload = { ...payload, detail: terminalSafe(text) };
      if (started) bar.update(payload);
    },
    stop() {
      if (!started) return;
      started = false;
      bar.stop();
    },
  };
}
