/**
 * The one sanitizer for text that reaches a terminal. Organization, vendor, product, versions and
 * file names come from untrusted inputs; printed raw, ESC/OSC sequences would recolour, retitle
 * or rewrite the terminal and bidi controls would reorder what the reader sees.
 *
 * Every control character but newline and tab (C0, DEL, C1), and the bidi and line/paragraph
 * separator controls, is shown as `\uXXXX`. That form is also the JSON escape of the same
 * character, and in JSON text such characters only occur inside strings, so `score --json` stays
 * valid JSON meaning exactly the same document.
 */
import type { OutputStream } from './io.js';

const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const raw = new WeakMap<OutputStream, OutputStream>();

/** A stream that sanitizes everything written to it (see terminalSafe). */
export function safeStream(stream: OutputStream): OutputStream {
  if (raw.has(stream)) return stream;
  const safe: OutputStream = {
    write: (text) => stream.write(terminalSafe(text)),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
  };
  raw.set(safe, stream);
  return safe;
}

/**
 * The stream under a safe one, for the progress bar only: it draws with escape sequences of its
 * own, and sanitizes the one untrusted part it shows (a file name) with terminalSafe itself.
 */
export function rawStream(stream: OutputStream): OutputStream {
  return raw.get(stream) ?? stream;
}
