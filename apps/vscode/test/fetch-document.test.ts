import { afterEach, describe, expect, it } from 'vitest';
import { fetchDocument, SourceError } from '../src/fetch-document.js';
import { closedPort, localServer, type LocalServer } from './local-server.js';
import { english } from './presenters.js';

const t = english.t;
let server: LocalServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('fetchDocument', () => {
  it('returns the body and its validators, then 304 on a conditional request', async () => {
    server = await localServer((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/json',
        etag: '"v1"',
        'last-modified': 'Sun, 01 Nov 2026 00:00:00 GMT',
      });
      res.end('{"a":1}');
    });
    const first = await fetchDocument(server.url('/exposure.json'), { t });
    expect(first).toEqual({
      status: 'ok',
      text: '{"a":1}',
      validators: { etag: '"v1"', lastModified: 'Sun, 01 Nov 2026 00:00:00 GMT' },
    });
    const second = await fetchDocument(server.url('/exposure.json'), {
      t,
      validators: first.status === 'ok' ? first.validators : undefined,
    });
    expect(second).toEqual({ status: 'not-modified' });
    expect(server.requests[1]!.headers['if-none-match']).toBe('"v1"');
    expect(server.requests[1]!.headers['if-modified-since']).toBe('Sun, 01 Nov 2026 00:00:00 GMT');
  });

  it('reports HTTP errors with the status', async () => {
    server = await localServer((_req, res) => res.writeHead(404).end('nope'));
    const url = server.url('/exposure.json');
    await expect(fetchDocument(url, { t })).rejects.toThrow(
      new SourceError(`${url} answered HTTP 404`),
    );
  });

  it('reports an unreachable URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/exposure.json`;
    await expect(fetchDocument(url, { t })).rejects.toThrow(
      `${url} cannot be reached: ECONNREFUSED`,
    );
  });

  it('gives up after the timeout', async () => {
    server = await localServer(() => {
      /* never answers */
    });
    const url = server.url('/slow.json');
    await expect(fetchDocument(url, { t, timeoutMs: 200 })).rejects.toThrow(
      `no answer from ${url} within 0.2 seconds`,
    );
  });

  it('times out a body that stalls half-way', async () => {
    server = await localServer((_req, res) => {
      res.writeHead(200);
      res.write('{"a":');
    });
    await expect(fetchDocument(server.url('/x'), { t, timeoutMs: 200 })).rejects.toThrow(
      /no answer .* within 0\.2 seconds/,
    );
  });

  it('refuses a body larger than the limit, declared or streamed', async () => {
    server = await localServer((req, res) => {
      if (req.url === '/declared') {
        res.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000));
        return;
      }
      res.writeHead(200); // chunked: no length known in advance
      const chunk = 'y'.repeat(1024);
      let sent = 0;
      const timer = setInterval(() => {
        if (res.destroyed || sent > 1000) return clearInterval(timer);
        sent++;
        res.write(chunk);
      }, 1);
    });
    const tiny = { t, maxBytes: 2048 };
    await expect(fetchDocument(server.url('/declared'), tiny)).rejects.toThrow(
      /is larger than the 0 MB limit/,
    );
    await expect(fetchDocument(server.url('/streamed'), tiny)).rejects.toThrow(/is larger than/);
  });

  it('follows redirects on this machine, refuses one to plain http elsewhere', async () => {
    server = await localServer((req, res) => {
      if (req.url === '/old') res.writeHead(301, { location: '/new' }).end();
      else if (req.url === '/evil')
        res.writeHead(302, { location: 'http://intranet.example/x.json' }).end();
      else if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
      else res.writeHead(200).end('{}');
    });
    await expect(fetchDocument(server.url('/old'), { t })).resolves.toMatchObject({
      status: 'ok',
      text: '{}',
    });
    await expect(fetchDocument(server.url('/evil'), { t })).rejects.toThrow(/not https/);
    await expect(fetchDocument(server.url('/loop'), { t })).rejects.toThrow(/redirects too often/);
    expect(server.requests.some((r) => r.headers.host === 'intranet.example')).toBe(false);
  });
});
