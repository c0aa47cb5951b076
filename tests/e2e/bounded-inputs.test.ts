/**
 * Bounded inputs (issue 9, item 2): a gzip bomb is refused while it inflates, exit 2, naming the
 * file and the limit, no V8 fatal error and no stack. The bomb is generated here (64 MiB of
 * spaces inside a Trivy report, ~64 KiB compressed) against a limit lowered to 8 MiB; the
 * closing note of the branch measures the real 3 GiB bomb against the default limit.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, exposure, scratch } from './helpers.js';

async function bomb(path: string, head: string, mib: number): Promise<void> {
  async function* body() {
    yield Buffer.from(head);
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    for (let i = 0; i < mib; i++) yield chunk;
    yield Buffer.from(']}');
  }
  await pipeline(Readable.from(body()), createGzip({ level: 9 }), createWriteStream(path));
}

beforeAll(() => assertBuilt());

describe('a gzip bomb', () => {
  it('is refused with exit 2, naming the file and the limit, for whole-document formats', async () => {
    const dir = await scratch('bomb');
    await bomb(
      join(dir, 'bomb.json.gz'),
      '{"SchemaVersion":2,"ArtifactName":"x","ArtifactType":"container_image","Results":[',
      64,
    );
    const r = await exposure(['score', 'bomb.json.gz'], {
      cwd: dir,
      env: { EXPOSURE_MAX_DOCUMENT_MB: '8' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bomb.json.gz');
    expect(r.stderr).toContain('limit of 8 MiB');
    expect(r.stderr).toContain('EXPOSURE_MAX_DOCUMENT_MB');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toMatch(/FATAL|heap/i);
  });

  it('is refused for streamed formats at the input limit', async () => {
    const dir = await scratch('bomb-stream');
    await bomb(
      join(dir, 'bomb.json.gz'),
      '{"schema":"exposure-snapshot/1","takenAt":"2026-11-01T00:00:00Z","devices":[',
      64,
    );
    const r = await exposure(['score', 'bomb.json.gz'], {
      cwd: dir,
      env: { EXPOSURE_MAX_DOCUMENT_MB: '8', EXPOSURE_MAX_INPUT_MB: '8' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bomb.json.gz');
    expect(r.stderr).toMatch(/limit of 8 MiB/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
