import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lazyEngines, type Engines } from '../src/engines.js';
import { ExposureStore, WATCH_DEBOUNCE_MS, type StoreHost } from '../src/exposure-store.js';
import type { WatchTarget } from '../src/load-source.js';
import type { Settings } from '../src/settings.js';
import type { ViewState } from '../src/view-state.js';
import { closedPort } from './local-server.js';
import { makeDocument } from './make-document.js';
import { english } from './presenters.js';

const dir = mkdtempSync(join(tmpdir(), 'exposure-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const settings = (over: Partial<Settings> = {}): Settings => ({
  source: '',
  refreshInterval: 15,
  group: '',
  ...over,
});

function harness(over: Partial<StoreHost> = {}) {
  const watches: Array<{ target: WatchTarget; fire: () => void; disposed: boolean }> = [];
  const engines: Engines = {
    validate: lazyEngines().validate,
    scoreInputs: vi.fn(async (_paths: string[], group: string) =>
      makeDocument({ organization: `inputs ${group}` }),
    ),
    scoreDemo: vi.fn(async (group: string) => makeDocument({ organization: `demo ${group}` })),
  };
  const store = new ExposureStore({
    t: english.t,
    engines,
    watch: (target, onChange) => {
      const w = { target, fire: onChange, disposed: false };
      watches.push(w);
      return { dispose: () => (w.disposed = true) };
    },
    ...over,
  });
  const states: ViewState[] = [];
  store.onDidChange((s) => states.push(s));
  return { store, watches, engines, states };
}

/** Lets the scheduled load start and finish (real file I/O runs outside the fake clock). */
async function settle(store: ExposureStore): Promise<void> {
  await vi.advanceTimersByTimeAsync(WATCH_DEBOUNCE_MS + 1);
  await vi.waitFor(() => expect(store.state.phase).not.toBe('loading'), {
    timeout: 10_000,
    interval: 5,
  });
}

function writeDoc(name: string, display: number): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    JSON.stringify(
      makeDocument({ display, score: display, level: display >= 70 ? 'high' : 'medium' }),
    ),
  );
  return file;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ExposureStore', () => {
  it('stays unconfigured without a source, and reads nothing', async () => {
    const { store, engines } = harness();
    store.configure(settings(), '/ws');
    await vi.advanceTimersByTimeAsync(10);
    expect(store.state).toEqual({ phase: 'unconfigured' });
    expect(engines.scoreDemo).not.toHaveBeenCalled();
  });

  it('configure schedules the load instead of reading at once', async () => {
    const file = writeDoc('a.json', 42);
    const { store } = harness();
    store.configure(settings({ source: file }), undefined);
    expect(store.state).toMatchObject({ phase: 'loading', last: null });
    await settle(store);
    expect(store.state).toMatchObject({ phase: 'ready', shown: { document: { display: 42 } } });
  });

  it('resolves a relative source against the workspace folder', async () => {
    writeDoc('rel.json', 33);
    const { store } = harness();
    store.configure(settings({ source: 'rel.json' }), dir);
    await settle(store);
    expect(store.state).toMatchObject({
      phase: 'ready',
      shown: { source: { documentPath: join(dir, 'rel.json') } },
    });
  });

  it('watches a local source and reloads once after a burst of changes', async () => {
    const file = writeDoc('watched.json', 42);
    const { store, watches } = harness();
    store.configure(settings({ source: file }), undefined);
    await settle(store);
    expect(watches).toHaveLength(1);
    expect(watches[0]!.target).toEqual({ path: file, folder: false });
    writeDoc('watched.json', 75);
    watches[0]!.fire();
    watches[0]!.fire();
    watches[0]!.fire();
    await settle(store);
    expect(store.state).toMatchObject({
      phase: 'ready',
      shown: { document: { display: 75, level: 'high' } },
    });
    expect(watches).toHaveLength(1);
  });

  it('keeps the last good document, marked stale, when the file turns malformed', async () => {
    const file = writeDoc('turns-bad.json', 42);
    const { store, watches } = harness();
    store.configure(settings({ source: file }), undefined);
    await settle(store);
    writeFileSync(file, '{"schema": "exposure-report/1", "display": ');
    watches[0]!.fire();
    await settle(store);
    expect(store.state).toMatchObject({
      phase: 'error',
      reason: expect.stringMatching(/is not valid JSON/),
      last: { document: { display: 42 } },
    });
    writeDoc('turns-bad.json', 43);
    watches[0]!.fire();
    await settle(store);
    expect(store.state).toMatchObject({ phase: 'ready', shown: { document: { display: 43 } } });
  });

  it('drops what it showed when the source setting changes', async () => {
    const first = writeDoc('first.json', 42);
    const { store, watches } = harness();
    store.configure(settings({ source: first }), undefined);
    await settle(store);
    store.configure(settings({ source: join(dir, 'missing.json') }), undefined);
    expect(watches[0]!.disposed).toBe(true);
    expect(store.state).toMatchObject({ phase: 'loading', last: null });
    await settle(store);
    expect(store.state).toMatchObject({
      phase: 'error',
      reason: expect.stringMatching(/does not exist/),
      last: null,
    });
    store.configure(settings({ source: '' }), undefined);
    expect(store.state).toEqual({ phase: 'unconfigured' });
  });

  it('reports an invalid setting without loading', async () => {
    const { store } = harness();
    store.configure(settings({ source: 'http://intranet.example/exposure.json' }), undefined);
    await settle(store);
    expect(store.state).toMatchObject({
      phase: 'error',
      reason: expect.stringMatching(/only https/),
    });
  });

  it('rescores inputs when the group changes, but only re-renders a published document', async () => {
    const inputs = join(dir, 'scan.sarif');
    writeFileSync(inputs, '{}');
    const { store, engines, states } = harness();
    store.configure(settings({ source: inputs }), undefined);
    await settle(store);
    store.configure(settings({ source: inputs, group: 'Web' }), undefined);
    await settle(store);
    expect(engines.scoreInputs).toHaveBeenLastCalledWith([inputs], 'Web');
    expect(store.state).toMatchObject({ shown: { document: { organization: 'inputs Web' } } });

    const url = `http://127.0.0.1:${await closedPort()}/exposure.json`;
    const fetchImpl = vi.fn(
      async () => new Response(JSON.stringify(makeDocument()), { status: 200 }),
    );
    const web = harness({ fetchImpl });
    web.store.configure(settings({ source: url }), undefined);
    await settle(web.store);
    const before = web.states.length;
    web.store.configure(settings({ source: url, group: 'Web' }), undefined);
    await vi.advanceTimersByTimeAsync(10);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect(web.states.length).toBe(before + 1);
    expect(web.store.settings.group).toBe('Web');
    expect(states.length).toBeGreaterThan(0);
  });

  it('polls a URL at the refresh interval with conditional requests', async () => {
    const seen: Array<Record<string, string>> = [];
    const fetchImpl = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      seen.push(headers);
      if (headers['if-none-match'] === '"v1"') return new Response(null, { status: 304 });
      return new Response(JSON.stringify(makeDocument()), {
        status: 200,
        headers: { etag: '"v1"' },
      });
    });
    const { store } = harness({ fetchImpl: fetchImpl as typeof fetch });
    store.configure(
      settings({ source: 'https://intranet.example/exposure.json', refreshInterval: 5 }),
      undefined,
    );
    await settle(store);
    expect(store.state.phase).toBe('ready');
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    await settle(store);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    expect(seen[1]).toMatchObject({ 'if-none-match': '"v1"' });
    expect(store.state).toMatchObject({ phase: 'ready', shown: { document: { display: 42 } } });

    store.configure(
      settings({ source: 'https://intranet.example/exposure.json', refreshInterval: 60 }),
      undefined,
    );
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(55 * 60_000);
    await settle(store);
    expect(fetchImpl).toHaveBeenCalledTimes(3);
    store.dispose();
    await vi.advanceTimersByTimeAsync(120 * 60_000);
    expect(fetchImpl).toHaveBeenCalledTimes(3);
  });

  it('marks a URL stale when it becomes unreachable, and recovers', async () => {
    let up = true;
    const fetchImpl = vi.fn(async () => {
      if (!up)
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
        });
      return new Response(JSON.stringify(makeDocument()), { status: 200 });
    });
    const { store } = harness({ fetchImpl: fetchImpl as typeof fetch });
    store.configure(settings({ source: 'https://intranet.example/exposure.json' }), undefined);
    await settle(store);
    up = false;
    await store.refresh();
    expect(store.state).toMatchObject({
      phase: 'error',
      reason: 'https://intranet.example/exposure.json cannot be reached: ECONNREFUSED',
      last: { document: { display: 42 } },
    });
    up = true;
    await store.refresh();
    expect(store.state.phase).toBe('ready');
  });

  it('never lets a slow, older load overwrite a newer one', async () => {
    let release: (() => void) | undefined;
    const slow = new Promise<void>((r) => (release = r));
    const { store, engines } = harness();
    vi.mocked(engines.scoreDemo)
      .mockImplementationOnce(async () => {
        await slow;
        return makeDocument({ organization: 'old' });
      })
      .mockImplementationOnce(async () => makeDocument({ organization: 'new' }));
    const first = store.showDemo();
    await store.refresh();
    release!();
    await first;
    expect(store.state).toMatchObject({
      phase: 'ready',
      shown: { document: { organization: 'new' } },
    });
  });

  it('shows the demo until the source setting changes', async () => {
    const { store } = harness();
    store.configure(settings(), undefined);
    await store.showDemo();
    expect(store.state).toMatchObject({ phase: 'ready', shown: { source: { kind: 'demo' } } });
    store.configure(settings({ refreshInterval: 30 }), undefined);
    await vi.advanceTimersByTimeAsync(10);
    expect(store.spec).toEqual({ kind: 'demo' });
    store.configure(settings({ source: join(dir, 'a.json') }), undefined);
    expect(store.spec).toMatchObject({ kind: 'path' });
  });
});
