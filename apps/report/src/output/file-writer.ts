/**
 * Writes files on a worker thread, so that writing a page overlaps rendering the next one. A
 * 20,000-device site is 20,000 files: on this kind of machine their open/write/close calls cost
 * about as much as rendering them, and plain blocking writes on the main thread add the two up.
 */
import { Worker } from 'node:worker_threads';

/** Files handed over and not yet written, at most: bounds the memory the queue can hold. */
const MAX_PENDING = 64;

/** The worker's whole program (eval'd, so it needs no file of its own in src/ or dist/). */
const WORKER_SOURCE = `
const { appendFileSync, mkdirSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');
const { parentPort } = require('node:worker_threads');
const folders = new Set();
parentPort.on('message', ({ path, content, append }) => {
  try {
    const dir = dirname(path);
    if (!folders.has(dir)) {
      mkdirSync(dir, { recursive: true });
      folders.add(dir);
    }
    (append ? appendFileSync : writeFileSync)(path, content);
    parentPort.postMessage({ written: path });
  } catch (error) {
    parentPort.postMessage({ failed: path, message: error.message });
  }
});
`;

type Reply = { written: string } | { failed: string; message: string };

export class FileWriter {
  private readonly worker = new Worker(WORKER_SOURCE, { eval: true });
  private pending = 0;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor() {
    this.worker.on('message', (reply: Reply) => {
      this.pending--;
      if ('failed' in reply)
        this.failure ??= new Error(`writing ${reply.failed}: ${reply.message}`);
      this.wake?.();
    });
    this.worker.on('error', (error: Error) => {
      this.failure ??= error;
      this.wake?.();
    });
  }

  /**
   * Hands a file (absolute path) over; waits only when too many are still to be written. With
   * `append`, the content goes at the end of the file (messages are written in order).
   */
  async write(path: string, content: string | Uint8Array, append = false): Promise<void> {
    if (this.failure) throw this.failure;
    this.worker.postMessage({ path, content, append });
    this.pending++;
    while (this.pending >= MAX_PENDING && !this.failure) await this.settle();
    if (this.failure) throw this.failure;
  }

  /** Waits until every file handed over is written; throws the first failure. */
  async flush(): Promise<void> {
    while (this.pending > 0 && !this.failure) await this.settle();
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private settle(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        resolve();
      };
    });
  }
}
