import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { lazyEngines, type Engines } from '../src/engines.js';
import { SourceError } from '../src/fetch-document.js';
import { loadSource, type LoadRequest } from '../src/load-source.js';
import { localServer } from './local-server.js';
import { makeDocument, makeSnapshot } from './make-document.js';
import { english } from './presenters.js';

const dir = mkdtempSync(join(tmpdir(), 'exposure-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const real = lazyEngines();

/** Real validation; scoring replaced so these tests are about routing, not the model. */
function engines(): Engines & { scoreInputs: ReturnType<typeof vi.fn> } {
  return {
    validate: real.validate,
    scoreInputs: vi.fn(async () => makeDocument({ organization: 'scored' })),
    scoreDemo: vi.fn(async () => makeDocument({ organization: 'demo' })),
  };
}

function request(path: string, e: Engines = engines()): LoadRequest {
  return { spec: { kind: 'path', path, label: path }, group: '', t: english.t, engines: e };
}

function write(name: string, content: string): string {
  const file = join(dir, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, content);
  return file;
}

describe('loadSource: local files', () => {
  it('reads and validates a published exposure.json', async () => {
    const file = write('plain/exposure.json', JSON.stringify(makeDocument()));
    const result = await loadSource(request(file));
    expect(result).toMatchObject({
      status: 'ok',
      source: { kind: 'document', siteBase: null, documentPath: file },
      watch: { path: file, folder: false },
    });
    if (result.status === 'ok') expect(result.document.display).toBe(42);
  });

  it('finds exposure.json in a published site folder and links to the site', async () => {
    write('site/exposure.json', JSON.stringify(makeDocument()));
    write('site/index.html', '<!doctype html>');
    const result = await loadSource(request(join(dir, 'site')));
    expect(result).toMatchObject({
      status: 'ok',
      source: { kind: 'document', siteBase: pathToFileURL(join(dir, 'site')).href + '/' },
    });
  });

  it('recognises a published document under another name by its schema', async () => {
    const file = write('renamed.json', JSON.stringify(makeDocument()));
    const e = engines();
    expect(await loadSource(request(file, e))).toMatchObject({
      status: 'ok',
      source: { kind: 'document' },
    });
    expect(e.scoreInputs).not.toHaveBeenCalled();
  });

  it('scores anything else as inputs, and watches it', async () => {
    const file = write('scans/trivy.json', '{"SchemaVersion":2}');
    const e = engines();
    const result = await loadSource({ ...request(file, e), group: 'Web' });
    expect(e.scoreInputs).toHaveBeenCalledWith([file], 'Web');
    expect(result).toMatchObject({
      status: 'ok',
      source: { kind: 'inputs' },
      watch: { path: file, folder: false },
    });
    const folder = await loadSource(request(join(dir, 'scans'), e));
    expect(folder).toMatchObject({ watch: { path: join(dir, 'scans'), folder: true } });
  });

  it('says when the path does not exist', async () => {
    const missing = join(dir, 'nope.json');
    await expect(loadSource(request(missing))).rejects.toThrow(
      new SourceError(`${missing} does not exist`),
    );
  });

  it('refuses malformed JSON', async () => {
    const file = write('broken/exposure.json', '{"schema": "exposure-report/1", ');
    await expect(loadSource(request(file))).rejects.toThrow(
      /broken\/exposure\.json is not valid JSON: /,
    );
  });

  it('refuses a document that does not match the schema, naming the place', async () => {
    const doc: Record<string, unknown> = { ...makeDocument(), level: 'catastrophic' };
    delete doc['trend'];
    const file = write('invalid/exposure.json', JSON.stringify(doc));
    const error = await loadSource(request(file)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as Error).message).toMatch(
      /invalid\/exposure\.json is not a valid exposure\.json: /,
    );
    expect((error as Error).message).toMatch(/\$\.level|trend/);
  });

  it('passes on what the importers say about bad inputs', async () => {
    const file = write('bad-input.csv', 'x');
    const e = engines();
    e.scoreInputs.mockRejectedValueOnce(new Error(`${file}: is not in a format Exposure reads`));
    await expect(loadSource(request(file, e))).rejects.toThrow(
      new SourceError(`${file}: is not in a format Exposure reads`),
    );
  });
});

describe('loadSource: URLs', () => {
  it('fetches, validates, and remembers the validators and the site', async () => {
    const body = JSON.stringify(makeDocument());
    const server = await localServer((_req, res) =>
      res.writeHead(200, { etag: 'W/"1"' }).end(body),
    );
    try {
      const url = server.url('/reports/exposure.json');
      const result = await loadSource({
        spec: { kind: 'url', url, label: url },
        group: '',
        t: english.t,
        engines: engines(),
      });
      expect(result).toMatchObject({
        status: 'ok',
        source: { kind: 'url', siteBase: server.url('/reports/') },
        validators: { etag: 'W/"1"' },
        watch: null,
      });
    } finally {
      await server.close();
    }
  });

  it('refuses a served document that fails validation', async () => {
    const server = await localServer((_req, res) =>
      res.writeHead(200).end('{"schema":"exposure-report/1"}'),
    );
    try {
      const url = server.url('/exposure.json');
      await expect(
        loadSource({
          spec: { kind: 'url', url, label: url },
          group: '',
          t: english.t,
          engines: engines(),
        }),
      ).rejects.toThrow(/is not a valid exposure\.json: .*required/);
    } finally {
      await server.close();
    }
  });
});

describe('loadSource: scoring inputs with the shared packages', () => {
  it('scores a native snapshot file end to end', async () => {
    const snapshot = makeSnapshot();
    const file = write('native/snapshot.json', JSON.stringify(snapshot));
    const result = await loadSource({ ...request(file, real) });
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.document.organization).toBe('Contoso');
    expect(result.document.devices.total).toBe(2);
    expect(result.document.recommendations[0]).toMatchObject({
      id: 'software/tukaani/xz',
      weaknesses: ['CVE-2024-3094'],
    });
    expect((await real.validate(result.document)).ok).toBe(true);
  });
});
