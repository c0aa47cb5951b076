import type { Engines } from './engines.js';
import { SourceError, type Validators } from './fetch-document.js';
import { loadSource, type WatchTarget } from './load-source.js';
import { resolveSource, type Settings, type SourceSpec } from './settings.js';
import type { Translate } from './translate.js';
import { shownOf, type ViewState } from './view-state.js';

export interface Disposable {
  dispose(): void;
}

/** What the store needs from its surroundings; VS Code's in the editor, fakes in the tests. */
export interface StoreHost {
  t: Translate;
  engines: Engines;
  /** Calls `onChange` whenever the file, or anything under the folder, changes. */
  watch(target: WatchTarget, onChange: () => void): Disposable;
  fetchImpl?: typeof fetch;
  now?: () => Date;
}

/** Change events on a local source settle for this long before it is read again. */
export const WATCH_DEBOUNCE_MS = 300;

/**
 * The one owner of "what is shown": resolves the settings to a source, loads it, keeps the last
 * good document when a later load fails (then marked stale), watches local sources, polls URLs
 * with conditional requests, and tells listeners when anything changed. Loads that a newer load
 * overtook are dropped, so a slow answer never overwrites a newer one.
 */
export class ExposureStore implements Disposable {
  #state: ViewState = { phase: 'unconfigured' };
  #settings: Settings = { source: '', refreshInterval: 15, group: '' };
  #spec: SourceSpec = { kind: 'none' };
  #demo = false;
  #generation = 0;
  #validators: Validators | null = null;
  #watch: { key: string; disposable: Disposable } | null = null;
  #poll: ReturnType<typeof setInterval> | null = null;
  #pending: ReturnType<typeof setTimeout> | null = null;
  #inFlight: Promise<void> | null = null;
  readonly #listeners = new Set<(state: ViewState) => void>();

  constructor(private readonly host: StoreHost) {}

  get state(): ViewState {
    return this.#state;
  }

  get settings(): Settings {
    return this.#settings;
  }

  /** The source in effect: the demo when it was opened, else the setting's. */
  get spec(): SourceSpec {
    return this.#demo ? { kind: 'demo' } : this.#spec;
  }

  onDidChange(listener: (state: ViewState) => void): Disposable {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  }

  /**
   * Applies settings. Nothing is read here: a load is scheduled on a timer, so calling this from
   * `activate()` costs no I/O.
   */
  configure(settings: Settings, workspaceFolder: string | undefined): void {
    const before = this.#settings;
    const spec = resolveSource(settings.source, workspaceFolder, this.host.t);
    const sourceChanged = JSON.stringify(spec) !== JSON.stringify(this.#spec);
    this.#settings = settings;
    if (sourceChanged) {
      this.#spec = spec;
      this.#demo = false;
      this.#resetSource();
      this.#schedule(0);
    } else if (settings.group !== before.group) {
      const kind = this.spec.kind;
      // A published document already carries every group; scored sources must be rescored.
      if (kind === 'demo' || kind === 'path') this.#schedule(0);
      else this.#emit();
    }
    if (sourceChanged || settings.refreshInterval !== before.refreshInterval)
      this.#restartPolling();
  }

  /** Shows the bundled demo until the `exposure.source` setting changes. */
  showDemo(): Promise<void> {
    this.#demo = true;
    this.#resetSource();
    this.#restartPolling();
    return this.refresh();
  }

  /** Loads the source now; resolves when the state reflects the outcome. */
  refresh(): Promise<void> {
    this.#clearPending();
    this.#inFlight = this.#load().finally(() => {
      this.#inFlight = null;
    });
    return this.#inFlight;
  }

  dispose(): void {
    this.#generation++;
    this.#clearPending();
    this.#stopPolling();
    this.#watch?.disposable.dispose();
    this.#watch = null;
    this.#listeners.clear();
  }

  async #load(): Promise<void> {
    const spec = this.spec;
    const { t } = this.host;
    const generation = ++this.#generation;
    if (spec.kind === 'none') {
      this.#set({ phase: 'unconfigured' });
      return;
    }
    const last = shownOf(this.#state);
    if (spec.kind === 'invalid') {
      this.#set({ phase: 'error', source: spec.label, reason: spec.reason, last });
      return;
    }
    const label = spec.kind === 'demo' ? t('bundled demo') : spec.label;
    this.#set({ phase: 'loading', source: label, last });
    try {
      const result = await loadSource({
        spec,
        group: this.#settings.group,
        t,
        engines: this.host.engines,
        validators: last ? this.#validators : null,
        ...(this.host.fetchImpl ? { fetchImpl: this.host.fetchImpl } : {}),
      });
      if (generation !== this.#generation) return;
      if (result.status === 'not-modified') {
        if (last) this.#set({ phase: 'ready', shown: { ...last, loadedAt: this.#now() } });
        return;
      }
      this.#validators = result.validators;
      this.#watchTarget(result.watch);
      this.#set({
        phase: 'ready',
        shown: { document: result.document, source: result.source, loadedAt: this.#now() },
      });
    } catch (error) {
      if (generation !== this.#generation) return;
      const reason =
        error instanceof SourceError
          ? error.message
          : t('unexpected error: {0}', error instanceof Error ? error.message : String(error));
      this.#set({ phase: 'error', source: label, reason, last });
    }
  }

  /** A different source: nothing of the previous one may be shown as if it were this one's. */
  #resetSource(): void {
    this.#generation++;
    this.#validators = null;
    this.#watch?.disposable.dispose();
    this.#watch = null;
    const spec = this.spec;
    if (spec.kind === 'none') this.#set({ phase: 'unconfigured' });
    else
      this.#set({
        phase: 'loading',
        source: spec.kind === 'demo' ? this.host.t('bundled demo') : spec.label,
        last: null,
      });
  }

  #watchTarget(target: WatchTarget | null): void {
    const key = target ? `${target.folder ? 'dir' : 'file'}:${target.path}` : '';
    if (this.#watch?.key === key) return;
    this.#watch?.disposable.dispose();
    this.#watch = target
      ? { key, disposable: this.host.watch(target, () => this.#schedule(WATCH_DEBOUNCE_MS)) }
      : null;
  }

  #restartPolling(): void {
    this.#stopPolling();
    if (this.spec.kind !== 'url') return;
    this.#poll = setInterval(() => {
      if (!this.#inFlight) void this.refresh();
    }, this.#settings.refreshInterval * 60_000);
  }

  #stopPolling(): void {
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = null;
  }

  #schedule(delayMs: number): void {
    this.#clearPending();
    this.#pending = setTimeout(() => {
      this.#pending = null;
      void this.refresh();
    }, delayMs);
  }

  #clearPending(): void {
    if (this.#pending) clearTimeout(this.#pending);
    this.#pending = null;
  }

  #set(state: ViewState): void {
    this.#state = state;
    this.#emit();
  }

  #emit(): void {
    for (const listener of [...this.#listeners]) listener(this.#state);
  }

  #now(): Date {
    return this.host.now?.() ?? new Date();
  }
}
