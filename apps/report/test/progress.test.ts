import { describe, expect, it, vi } from 'vitest';
import { createProgress } from '../src/progress.js';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, s: { write: (t: string) => void chunks.push(t), isTTY, columns: 40 } };
}

describe('createProgress', () => {
  it('is silent when stderr is not a terminal, or when disabled (--quiet)', () => {
    for (const [tty, enabled] of [
      [false, true],
      [true, false],
    ] as const) {
      const { chunks, s } = stream(tty);
      const p = createProgress(s, enabled);
      p.phase('reading');
      p.detail('1/2 a.json');
      p.stop();
      expect(chunks).toEqual([]);
    }
  });

  it('draws the phase on one line, animates, cuts to the width and clears at the end', () => {
    vi.useFakeTimers();
    try {
      const { chunks, s } = stream(true);
      const p = createProgress(s, true);
      p.phase('reading');
      expect(chunks.at(-1)).toBe('\r\x1b[2K⠋ Reading inputs…');
      p.detail('3/12 a-very-long-folder-name/and-a-long-file-name.json');
      vi.advanceTimersByTime(100);
      const line = chunks.at(-1)!;
      expect(line.startsWith('\r\x1b[2K⠙ Reading inputs 3/12')).toBe(true);
      expect(line.length - '\r\x1b[2K'.length).toBeLessThanOrEqual(39);
      p.phase('pdf');
      expect(chunks.at(-1)).toMatch(/Printing the PDF…$/);
      p.stop();
      expect(chunks.at(-1)).toBe('\r\x1b[2K');
      const count = chunks.length;
      vi.advanceTimersByTime(1000);
      expect(chunks.length).toBe(count);
    } finally {
      vi.useRealTimers();
    }
  });
});
