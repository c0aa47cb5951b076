import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { SourceFile } from './importer.js';

/** Files at least this big are hashed on a worker thread. */
const HASH_ON_WORKER_FROM = 16 * 1024 * 1024;

/** The worker's whole program (eval'd, so it needs no file of its own in src/ or dist/). */
const WORKER_SOURCE = `
const { createHash } = require('node:crypto');
const { createReadStream } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const hash = createHash('sha256');
createReadStream(workerData, { highWaterMark: 8 * 1024 * 1024 })
  .on('data', (chunk) => hash.update(chunk))
  .on('error', (e) => { throw e; })
  .on('end', () => parentPort.postMessage(hash.digest('hex')));
`;

function sha256OnWorker(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: path });
    worker.once('message', (digest: string) => resolve(digest));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`hashing ${path}: the worker exited with code ${code}`));
    });
  });
}

/**
 * sha256 of a file's bytes as stored (compressed bytes for .gz). It runs beside the import, whose
 * JSON.parse holds the main thread for a second on a big file: a big file is hashed on a worker
 * thread (the main thread does none of it), a small one streamed here.
 */
export async function sha256File(path: string, size?: number): Promise<string> {
  if (size !== undefined && size >= HASH_ON_WORKER_FROM) return sha256OnWorker(path);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 8 * 1024 * 1024 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** sha256 of an input's bytes: a file's as stored, an archive member's as inflated. */
export async function sha256Source(
  file: Pick<SourceFile, 'path' | 'size' | 'member'>,
): Promise<string> {
  if (!file.member) return sha256File(file.path, file.size);
  const hash = createHash('sha256');
  for await (const chunk of file.member.open()) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** One digest over every input: sha256 of `path\0sha256\n` lines, in input order. */
export function inputsDigest(files: ReadonlyArray<{ path: string; sha256: string }>): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.path}\0${f.sha256}\n`);
  return hash.digest('hex');
}
