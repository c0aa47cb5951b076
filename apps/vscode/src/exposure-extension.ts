import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { registerCommands } from './commands.js';
import { lazyEngines } from './engines.js';
import { ExposureStore } from './exposure-store.js';
import type { WatchTarget } from './load-source.js';
import { readSettings } from './settings.js';
import { StatusBar } from './status-bar.js';
import { statusModel } from './status-model.js';
import { TreeModel } from './tree-model.js';
import { TreeProvider } from './tree-provider.js';
import type { Presenter } from './translate.js';
import { shownOf, type Shown, type ViewState } from './view-state.js';

/**
 * Owns every disposable of the extension and applies the store's state to the status bar and
 * the views. Construction registers things and schedules the first load; it reads nothing.
 */
export class ExposureExtension implements vscode.Disposable {
  readonly store: ExposureStore;
  readonly recommendations = new TreeProvider('recommendations');
  readonly devices = new TreeProvider('devices');
  readonly #presenter: Presenter = { t: vscode.l10n.t, locale: vscode.env.language };
  readonly #statusBar = new StatusBar();
  readonly #views: vscode.TreeView<unknown>[];
  readonly #disposables: vscode.Disposable[] = [];
  #shownDocument: Shown['document'] | null = null;

  constructor(readonly context: vscode.ExtensionContext) {
    this.store = new ExposureStore({
      t: vscode.l10n.t,
      engines: lazyEngines(),
      watch: watchWithVscode,
    });
    this.#views = [
      vscode.window.createTreeView('exposure.recommendations', {
        treeDataProvider: this.recommendations,
        showCollapseAll: true,
      }),
      vscode.window.createTreeView('exposure.devices', {
        treeDataProvider: this.devices,
        showCollapseAll: true,
      }),
    ];
    this.#disposables.push(
      this.store,
      this.#statusBar,
      this.recommendations,
      this.devices,
      ...this.#views,
      this.store.onDidChange((state) => this.#render(state)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('exposure')) this.#configure();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.#configure()),
      ...registerCommands(this),
    );
    this.#configure();
    this.#render(this.store.state);
  }

  workspaceFolder(): string | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  }

  shown(): Shown | null {
    return shownOf(this.store.state);
  }

  /**
   * Writes `exposure.source` to the workspace settings; to the user settings without a workspace,
   * and in Restricted Mode, where VS Code ignores the workspace's value of this restricted setting
   * (saying so: the user asked for this workspace and gets it everywhere).
   */
  async saveSource(value: string): Promise<void> {
    const target = sourceTarget(this.workspaceFolder() !== undefined, vscode.workspace.isTrusted);
    await vscode.workspace
      .getConfiguration('exposure')
      .update(
        'source',
        value,
        target === 'workspace'
          ? vscode.ConfigurationTarget.Workspace
          : vscode.ConfigurationTarget.Global,
      );
    if (target === 'user-untrusted') {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Saved to your user settings: this workspace is in Restricted Mode, where its own settings cannot choose the source.',
        ),
      );
    }
  }

  dispose(): void {
    for (const d of this.#disposables.splice(0).reverse()) d.dispose();
  }

  #configure(): void {
    const config = vscode.workspace.getConfiguration('exposure');
    this.store.configure(
      readSettings((key) => config.get(key)),
      this.workspaceFolder(),
    );
  }

  #render(state: ViewState): void {
    const p = this.#presenter;
    this.#statusBar.apply(statusModel(state, this.store.settings.group, p));
    const shown = shownOf(state);
    if ((shown?.document ?? null) !== this.#shownDocument) {
      this.#shownDocument = shown?.document ?? null;
      const siteBase = shown?.source.siteBase ?? null;
      // One model (and one lazily built index) serves both views.
      const model = shown ? new TreeModel(shown.document, p, siteBase) : null;
      this.recommendations.setModel(model);
      this.devices.setModel(model);
    }
    // Without data the error welcome (with its Refresh and Choose Source buttons) says it: VS Code
    // shows a view's welcome content only while its message is empty.
    const message =
      state.phase === 'error'
        ? shown
          ? p.t('Stale: the source cannot be read: {0}', state.reason)
          : undefined
        : state.phase === 'loading' && !shown
          ? p.t('Loading…')
          : undefined;
    for (const view of this.#views) view.message = message;
    void vscode.commands.executeCommand('setContext', 'exposure.state', state.phase);
    void vscode.commands.executeCommand('setContext', 'exposure.hasData', shown !== null);
  }
}

/** Where `exposure.source` is saved: the workspace only when it has one and trusts it. */
export function sourceTarget(
  hasWorkspace: boolean,
  trusted: boolean,
): 'workspace' | 'user' | 'user-untrusted' {
  if (!hasWorkspace) return 'user';
  return trusted ? 'workspace' : 'user-untrusted';
}

function watchWithVscode(target: WatchTarget, onChange: () => void): vscode.Disposable {
  const base = vscode.Uri.file(target.folder ? target.path : dirname(target.path));
  const watcher = vscode.workspace.createFileSystemWatcher(
    new vscode.RelativePattern(base, target.folder ? '**/*' : basename(target.path)),
  );
  const subscriptions = [
    watcher.onDidChange(onChange),
    watcher.onDidCreate(onChange),
    watcher.onDidDelete(onChange),
  ];
  return { dispose: () => [...subscriptions, watcher].forEach((d) => d.dispose()) };
}
