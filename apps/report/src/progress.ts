/**
 * A one-line spinner on stderr showing the phase of a long run (reading, scoring, rendering,
 * PDF). Drawn only when stderr is a terminal and --quiet is not given, so logs of scheduled jobs
 * and piped output stay clean; it never writes to stdout, which may carry exposure.json.
 */
import type { OutputStream } from './io.js';

export type Phase = 'reading' | 'scoring' | 'rendering' | 'pdf' | 'writing';

const PHASE_LABELS: Record<Phase, string> = {
  reading: 'Reading inputs',
  scoring: 'Scoring',
  rendering: 'Rendering the site',
  pdf: 'Printing the PDF',
  writing: 'Writing the output',
};

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 100;

export interface Progress {
  phase(phase: Phase): void;
  /** What the current phase is working on, e.g. `3/12 scans/web-01.json`. */
  detail(text: string): void;
  /** Clears the line; call before printing anything else to stderr, and at the end. */
  stop(): void;
}

const silent: Progress = { phase() {}, detail() {}, stop() {} };

export function createProgress(stream: OutputStream, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY) return silent;
  let label = '';
  let detail = '';
  let frame = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  const draw = (): void => {
    const text = `${FRAMES[frame % FRAMES.length]} ${label}${detail ? ` ${detail}` : ''}…`;
    const width = Math.max(20, (stream.columns ?? 80) - 1);
    stream.write(`\r\x1b[2K${text.length > width ? text.slice(0, width - 1) + '…' : text}`);
  };
  return {
    phase(phase) {
      label = PHASE_LABELS[phase];
      detail = '';
      if (!timer) {
        timer = setInterval(() => {
          frame++;
          draw();
        }, FRAME_MS);
        // The spinner must never keep the process alive after the work is done.
        timer.unref();
      }
      draw();
    },
    detail(text) {
      detail = text;
    },
    stop() {
      if (!timer) return;
      clearInterval(timer);
      timer = undefined;
      stream.write('\r\x1b[2K');
    },
  };
}
