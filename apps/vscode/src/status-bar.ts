import * as vscode from 'vscode';
import { TOOLTIP_COMMANDS } from './markdown.js';
import type { StatusModel } from './status-model.js';

/** The left-aligned status bar item; it only applies a StatusModel. */
export class StatusBar implements vscode.Disposable {
  readonly #item: vscode.StatusBarItem;

  constructor() {
    this.#item = vscode.window.createStatusBarItem(
      'exposure.status',
      vscode.StatusBarAlignment.Left,
      100,
    );
    this.#item.name = vscode.l10n.t('Exposure');
  }

  apply(model: StatusModel): void {
    const item = this.#item;
    item.text = model.text;
    item.tooltip = trustedMarkdown(model.tooltip);
    item.command = model.command;
    item.accessibilityInformation = { label: model.accessibilityLabel, role: 'button' };
    item.backgroundColor =
      model.background === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : model.background === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    item.show();
  }

  dispose(): void {
    this.#item.dispose();
  }
}

/** Markdown whose command links may run only the extension's own commands; no raw HTML. */
export function trustedMarkdown(value: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(value, true);
  markdown.isTrusted = { enabledCommands: [...TOOLTIP_COMMANDS] };
  markdown.supportHtml = false;
  return markdown;
}
