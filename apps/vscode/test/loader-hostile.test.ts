/**
 * The loader against hostile sources (issue 9, item 8): a redirect from https to plain http or
 * to this machine is refused before it is requested, so its body can never be quoted; a UTF-8
 * byte order mark is accepted as the CLI accepts it; a path source that is a gzip bomb is
 * refused by the CLI's own limits (packages/ingest/src/limits.ts), while it inflates.
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { setInputLimits } from '@exposure/ingest/limits';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { lazyEngines } from '../src/engines.js';
import { fetchDocument, redirectAllowed, SourceError } from '../src/fetch-document.js';
import { loadSource, type LoadRequest } from '../src/load-source.js';
import { localServer, type LocalServer } from './local-server.js';
import { makeDocument } from './make-document.js';
import { english } from './presenters.js';

const t = english.t;
const SECRET = 'SECRET-TOKEN-4711';
const dir = mkdtempSync(join(tmpdir(), 'exposure-hostile-'));
let server: LocalServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  setInputLimits({ document: undefined, input: undefined, line: undefined });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fetch that answers `https://reports.example/…` with a redirect and passes the rest on. */
function redirectingFetch(location: string, calls: string[]): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push(url);
    if (url.startsWith('https://reports.example/'))
      return new Response(null, { status: 302, headers: { location } });
    return fetch(input, init);
  }) as typeof fetch;
}

async function secretServer(): Promise<LocalServer> {
  return localServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end(SECRET);
  });
}

describe('redirects', () => {
  it('from https to plain http on this machine are refused, never requested', async () => {
    server = await secretServer();
    const calls: string[] = [];
    const error = await fetchDocument('https://reports.example/exposure.json', {
      t,
      fetchImpl: redirectingFetch(server.url('/admin'), calls),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(
      /from https to plain http or to this machine: refused/,
    );
    expect((error as Error).message).not.toContain(SECRET);
    expect(calls).toEqual(['https://reports.example/exposure.json']);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['https://reports.example/a', 'http://127.0.0.1:8080/x', false],
    ['https://reports.example/a', 'https://localhost/x', false],
    ['https://reports.example/a', 'https://127.1.2.3/x', false],
    ['https://reports.example/a', 'https://[::1]/x', false],
    ['https://reports.example/a', 'http://reports.example/b', false],
    ['https://reports.example/a', 'https://cdn.example/b', true],
    ['http://127.0.0.1:8080/a', 'http://localhost:8080/b', true],
    ['https://localhost/a', 'https://127.0.0.1/b', true],
    ['http://localhost/a', 'file:///etc/passwd', false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(redirectAllowed(new URL(from), new URL(to))).toBe(allowed);
  });

  it('a body that is not JSON is named by its place, never quoted', async () => {
    server = await secretServer();
    const error = await loadSource({
      spec: { kind: 'url', url: server.url('/exposure.json'), label: 'x' },
      group: '',
      t,
      engines: lazyEngines(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(/is not valid JSON: line 1, column 1/);
    expect((error as Error).message).not.toContain(SECRET);
    expect((error as Error).message).not.toContain('TOKEN');
  });
});

function pathRequest(path: string): LoadRequest {
  return { spec: { kind: 'path', path, label: path }, group: '', t, engines: lazyEngines() };
}

describe('local files', () => {
  it('accept a UTF-8 byte order mark in exposure.json, as the CLI does', async () => {
    const file = join(dir, 'bom', 'exposure.json');
    mkdirSync(join(dir, 'bom'), { recursive: true });
    writeFileSync(file, '\uFEFF' + JSON.stringify(makeDocument()));
    const result = await loadSource(pathRequest(file));
    expect(result.status).toBe('ok');
    if (result.status === 'ok') expect(result.document.display).toBe(42);
  });

  it('refuse an exposure.json over the CLI document limit', async () => {
    const file = join(dir, 'big-exposure.json');
    writeFileSync(file, JSON.stringify({ ...makeDocument(), pad: 'x'.repeat(2 * 1024 * 1024) }));
    setInputLimits({ document: 1 });
    await expect(loadSource(pathRequest(file))).rejects.toThrow(/is larger than the 1 MB limit/);
  });

  it('refuse a gzip bomb by the CLI limits, while it inflates', async () => {
    const file = join(dir, 'bomb.json.gz');
    async function* body() {
      yield Buffer.from(
        '{"SchemaVersion":2,"ArtifactName":"x","ArtifactType":"container_image","Results":[',
      );
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      for (let i = 0; i < 64; i++) yield chunk;
      yield Buffer.from(']}');
    }
    await pipeline(Readable.from(body()), createGzip({ level: 9 }), createWriteStream(file));
    setInputLimits({ document: 8 });
    const error = await loadSource(pathRequest(file)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toContain('bomb.json.gz');
    expect((error as Error).message).toContain('limit of 8 MiB');
    expect((error as Error).message).toContain('--max-document-mb');
  });
});
