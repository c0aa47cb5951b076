/**
 * A faithful fake of the part of the `vscode` API the extension uses, with the same shapes and
 * semantics (events fire listeners, configuration updates fire onDidChangeConfiguration,
 * registered commands run through executeCommand, l10n.t reads the bundle of the display
 * language). Tests reach its recorded state through `fake`; vitest maps `vscode` to this file,
 * and the bundle test compiles it to CommonJS for a plain-Node `require()`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Disposable,
  EventEmitter,
  RelativePattern,
  StatusBarAlignment,
  ThemeColor,
  TreeItem,
  Uri,
  MarkdownString,
  type Listener,
} from './fake/types.js';

export * from './fake/types.js';

export interface FakeStatusBarItem {
  id: string;
  alignment: StatusBarAlignment;
  priority: number | undefined;
  name?: string;
  text: string;
  tooltip?: string | MarkdownString;
  command?: string;
  backgroundColor?: ThemeColor;
  accessibilityInformation?: { label: string; role?: string };
  visible: boolean;
  disposed: boolean;
  show(): void;
  hide(): void;
  dispose(): void;
}

export interface FakeTreeView {
  viewId: string;
  provider: {
    getChildren(e?: unknown): unknown[] | Promise<unknown[]>;
    getTreeItem(e: unknown): TreeItem | Promise<TreeItem>;
    onDidChangeTreeData?: (l: Listener<unknown>) => Disposable;
  };
  message?: string;
  disposed: boolean;
  dispose(): void;
}

export interface FakeWatcher {
  pattern: RelativePattern;
  disposed: boolean;
  fireChange(): void;
}

type AnswerQueue = unknown[];

/** Recorded state and scripted answers; `fake.reset()` before each test. */
export const fake = {
  language: 'en',
  l10nFolder: join(__dirname, '..', 'l10n'),
  settings: new Map<string, unknown>(),
  workspaceFolders: [] as string[],
  trusted: true,
  /** The ConfigurationTarget of each setting's last update. */
  settingTargets: new Map<string, unknown>(),
  messages: [] as string[],
  warnings: [] as string[],
  errors: [] as string[],
  /** The buttons offered with each message, in the order the messages were shown. */
  messageItems: [] as string[][],
  /** Each withProgress call: its options and every value reported to it. */
  progress: [] as Array<{
    options: { location: unknown; title?: string };
    reports: Array<{ message?: string; increment?: number }>;
    done: boolean;
  }>,
  statusBarItems: [] as FakeStatusBarItem[],
  treeViews: [] as FakeTreeView[],
  watchers: [] as FakeWatcher[],
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  executed: [] as Array<{ command: string; args: unknown[] }>,
  context: new Map<string, unknown>(),
  clipboard: '',
  opened: [] as string[],
  shownDocuments: [] as string[],
  openDialogOptions: [] as Array<Record<string, unknown>>,
  answers: {
    quickPick: [] as AnswerQueue,
    inputBox: [] as AnswerQueue,
    openDialog: [] as AnswerQueue,
    /** The button clicked on the next message (undefined: dismissed). */
    message: [] as AnswerQueue,
  },
  configurationChanged: new EventEmitter<{ affectsConfiguration(section: string): boolean }>(),
  foldersChanged: new EventEmitter<unknown>(),
  reset(): void {
    this.language = 'en';
    this.settings.clear();
    this.workspaceFolders = [];
    this.trusted = true;
    this.settingTargets.clear();
    this.messages = [];
    this.warnings = [];
    this.errors = [];
    this.messageItems = [];
    this.progress = [];
    this.statusBarItems = [];
    this.treeViews = [];
    this.watchers = [];
    this.commands.clear();
    this.executed = [];
    this.context.clear();
    this.clipboard = '';
    this.opened = [];
    this.shownDocuments = [];
    this.openDialogOptions = [];
    this.answers = { quickPick: [], inputBox: [], openDialog: [], message: [] };
    bundleCache = null;
  },
};

let bundleCache: { language: string; bundle: Record<string, string> } | null = null;

function bundle(): Record<string, string> {
  if (fake.language === 'en') return {};
  if (bundleCache?.language !== fake.language) {
    const file = join(fake.l10nFolder, `bundle.l10n.${fake.language}.json`);
    let parsed: Record<string, string> = {};
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      parsed = {};
    }
    bundleCache = { language: fake.language, bundle: parsed };
  }
  return bundleCache.bundle;
}

export const l10n = {
  t(message: string, ...args: Array<string | number | boolean>): string {
    return (bundle()[message] ?? message).replace(/\{(\d+)\}/g, (whole, i: string) =>
      args[Number(i)] === undefined ? whole : String(args[Number(i)]),
    );
  },
};

export const env = {
  get language(): string {
    return fake.language;
  },
  clipboard: {
    writeText: async (text: string): Promise<void> => {
      fake.clipboard = text;
    },
    readText: async (): Promise<string> => fake.clipboard,
  },
  openExternal: async (uri: Uri): Promise<boolean> => {
    fake.opened.push(uri.toString());
    return true;
  },
};

function setting(key: string): unknown {
  return fake.settings.get(key);
}

export const workspace = {
  get isTrusted(): boolean {
    return fake.trusted;
  },
  get workspaceFolders(): Array<{ uri: Uri; name: string; index: number }> | undefined {
    return fake.workspaceFolders.length === 0
      ? undefined
      : fake.workspaceFolders.map((f, index) => ({
          uri: Uri.file(f),
          name: f.split('/').pop() ?? f,
          index,
        }));
  },
  getConfiguration(section?: string) {
    const prefix = section ? `${section}.` : '';
    return {
      get<T>(key: string, defaultValue?: T): T | undefined {
        const value = setting(prefix + key);
        return (value === undefined ? defaultValue : value) as T | undefined;
      },
      has(key: string): boolean {
        return fake.settings.has(prefix + key);
      },
      async update(key: string, value: unknown, target?: unknown): Promise<void> {
        const full = prefix + key;
        fake.settingTargets.set(full, target);
        if (value === undefined) fake.settings.delete(full);
        else fake.settings.set(full, value);
        fake.configurationChanged.fire({
          affectsConfiguration: (s: string) => full === s || full.startsWith(`${s}.`),
        });
      },
    };
  },
  onDidChangeConfiguration: (l: Listener<{ affectsConfiguration(section: string): boolean }>) =>
    fake.configurationChanged.event(l),
  onDidChangeWorkspaceFolders: (l: Listener<unknown>) => fake.foldersChanged.event(l),
  createFileSystemWatcher(pattern: RelativePattern) {
    const change = new EventEmitter<Uri>();
    const create = new EventEmitter<Uri>();
    const del = new EventEmitter<Uri>();
    const watcher: FakeWatcher = {
      pattern,
      disposed: false,
      fireChange: () => change.fire(pattern.baseUri),
    };
    fake.watchers.push(watcher);
    return {
      onDidChange: change.event,
      onDidCreate: create.event,
      onDidDelete: del.event,
      dispose: () => {
        watcher.disposed = true;
      },
    };
  },
  async openTextDocument(options: { content?: string; language?: string } | Uri) {
    const text = options instanceof Uri ? `file:${options.fsPath}` : (options.content ?? '');
    return { uri: Uri.file('/Untitled-1'), getText: () => text };
  },
};

export const window = {
  createStatusBarItem(
    id: string,
    alignment: StatusBarAlignment,
    priority?: number,
  ): FakeStatusBarItem {
    const item: FakeStatusBarItem = {
      id,
      alignment,
      priority,
      text: '',
      visible: false,
      disposed: false,
      show() {
        item.visible = true;
      },
      hide() {
        item.visible = false;
      },
      dispose() {
        item.disposed = true;
        item.visible = false;
      },
    };
    fake.statusBarItems.push(item);
    return item;
  },
  createTreeView(
    viewId: string,
    options: { treeDataProvider: FakeTreeView['provider'] },
  ): FakeTreeView {
    const view: FakeTreeView = {
      viewId,
      provider: options.treeDataProvider,
      disposed: false,
      dispose() {
        view.disposed = true;
      },
    };
    fake.treeViews.push(view);
    return view;
  },
  async showQuickPick<T>(items: readonly T[]): Promise<T | undefined> {
    const answer = fake.answers.quickPick.shift();
    return typeof answer === 'number' ? items[answer] : (answer as T | undefined);
  },
  async showInputBox(options: {
    validateInput?: (v: string) => string | null | undefined;
  }): Promise<string | undefined> {
    const answer = fake.answers.inputBox.shift() as string | undefined;
    if (answer !== undefined && options.validateInput?.(answer)) return undefined;
    return answer;
  },
  /** Records the options of each call in `fake.openDialogOptions`. */
  async showOpenDialog(options?: Record<string, unknown>): Promise<Uri[] | undefined> {
    fake.openDialogOptions.push(options ?? {});
    const answer = fake.answers.openDialog.shift() as string | undefined;
    return answer === undefined ? undefined : [Uri.file(answer)];
  },
  async showTextDocument(doc: Uri | { getText(): string }): Promise<void> {
    fake.shownDocuments.push(doc instanceof Uri ? doc.fsPath : doc.getText());
  },
  async showInformationMessage(message: string, ...items: string[]): Promise<string | undefined> {
    fake.messages.push(message);
    return answerMessage(items);
  },
  async showWarningMessage(message: string, ...items: string[]): Promise<string | undefined> {
    fake.warnings.push(message);
    return answerMessage(items);
  },
  async showErrorMessage(message: string, ...items: string[]): Promise<string | undefined> {
    fake.executed.push({ command: '(error message)', args: [message] });
    fake.errors.push(message);
    return answerMessage(items);
  },
  async withProgress<R>(
    options: { location: unknown; title?: string },
    task: (progress: {
      report: (value: { message?: string; increment?: number }) => void;
    }) => Promise<R>,
  ): Promise<R> {
    const entry = {
      options,
      reports: [] as Array<{ message?: string; increment?: number }>,
      done: false,
    };
    fake.progress.push(entry);
    try {
      return await task({ report: (value) => void entry.reports.push(value) });
    } finally {
      entry.done = true;
    }
  },
};

/** Messages answer with a scripted button, and only with one they offered. */
function answerMessage(items: string[]): string | undefined {
  fake.messageItems.push(items);
  const answer = fake.answers.message.shift();
  return typeof answer === 'string' && items.includes(answer) ? answer : undefined;
}

export const commands = {
  registerCommand(id: string, handler: (...args: unknown[]) => unknown): Disposable {
    if (fake.commands.has(id)) throw new Error(`command '${id}' already exists`);
    fake.commands.set(id, handler);
    return new Disposable(() => fake.commands.delete(id));
  },
  async executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
    fake.executed.push({ command: id, args });
    if (id === 'setContext') {
      fake.context.set(String(args[0]), args[1]);
      return undefined;
    }
    const handler = fake.commands.get(id);
    if (!handler) {
      if (id.endsWith('.focus')) return undefined;
      throw new Error(`command '${id}' not found`);
    }
    return handler(...args);
  },
};
