import { describe, expect, it, vi } from 'vitest';
import { createProgress } from '../src/progress.js';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, s: { write: (t: string) => void chunks.push(t), isTTY, columns: 60 } };
}

const ESC = String.fromCharCode(27);
const CSI = new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]`, 'g');
/** The text a terminal would show: escape sequences dropped. */
const visible = (chunks: string[]) => chunks.join('').replace(CSI, '');

describe('createProgress', () => {
  it('is silent when stderr is not a terminal, or when disabled (--quiet)', () => {
    for (const [tty, enabled] of [
      [false, true],
      [true, false],
    ] as const) {
      const { chunks, s } = stream(tty);
      const p = createProgress(s, enabled);
      p.phase('reading');
      p.detail('a.json');
      p.done(1, 2);
      p.stop();
      expect(chunks).toEqual([]);
    }
  });

  it('draws the phase, a bar with counts when the work is known, and clears at the end', () => {
    vi.useFakeTimers();
    try {
      const { chunks, s } = stream(true);
      const p = createProgress(s, true);
      p.phase('reading');
      p.detail('scans/web-01.json');
      vi.advanceTimersByTime(200);
      expect(visible(chunks)).toContain('Reading inputs scans/web-01.json');
      p.phase('rendering', 20);
      p.done(5);
      vi.advanceTimersByTime(200);
      const last = visible(chunks.slice(-3));
      expect(last).toMatch(/Rendering the site \S+ 5\/20/);
      p.detail(`evil${ESC}]0;pwned${String.fromCharCode(7)}.json`);
      vi.advanceTimersByTime(200);
      expect(chunks.join('')).not.toContain(`${ESC}]0;pwned`);
      expect(visible(chunks)).toContain('evil\\u001b]0;');
      p.detail('a-very-long-folder-name/and-a-long-file-name-that-does-not-fit.html');
      vi.advanceTimersByTime(200);
      const lines = chunks.filter((c) => c.includes('Rendering'));
      expect(lines.at(-1)!.length).toBeLessThanOrEqual(59);
      p.stop();
      // The line is cleared: erase-line, then nothing printed on it.
      expect(chunks.at(-1)!.startsWith(ESC)).toBe(true);
      expect(visible(chunks.slice(-1))).toBe('');
      const count = chunks.length;
      vi.advanceTimersByTime(1000);
      expect(chunks.length).toBe(count);
    } finally {
      vi.useRealTimers();
    }
  });
});
