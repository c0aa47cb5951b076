import * as vscode from 'vscode';
import type { ItemModel, TreeModel, TreeNode, ViewId } from './tree-model.js';

/** One view's TreeDataProvider: asks the TreeModel, converts its plain items to TreeItems. */
export class TreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.#changed.event;
  #model: TreeModel | null = null;
  readonly #nodes = new Map<string, TreeNode>();

  constructor(readonly view: ViewId) {}

  get model(): TreeModel | null {
    return this.#model;
  }

  setModel(model: TreeModel | null): void {
    this.#model = model;
    this.#nodes.clear();
    this.#changed.fire(undefined);
  }

  /** Shows the next page under `parentKey` (a node key, or the view's root). */
  showMore(parentKey: string): void {
    if (!this.#model) return;
    this.#model.showMore(parentKey);
    this.#changed.fire(this.#nodes.get(parentKey));
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!this.#model) return [];
    const children = node ? this.#model.children(node) : this.#model.roots(this.view);
    for (const child of children) this.#nodes.set(child.key, child);
    return children;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return this.#model ? toTreeItem(this.#model.item(node)) : new vscode.TreeItem(node.key);
  }

  dispose(): void {
    this.#changed.dispose();
  }
}

export function toTreeItem(model: ItemModel): vscode.TreeItem {
  const item = new vscode.TreeItem(
    model.label,
    model.collapsible === 'collapsed'
      ? vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None,
  );
  item.id = model.id;
  if (model.description !== undefined) item.description = model.description;
  if (model.tooltip !== undefined) {
    // Tree tooltips never need commands: untrusted, no HTML.
    const tooltip = new vscode.MarkdownString(model.tooltip, true);
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    item.tooltip = tooltip;
  }
  if (model.icon) {
    item.iconPath = new vscode.ThemeIcon(
      model.icon.id,
      model.icon.color ? new vscode.ThemeColor(model.icon.color) : undefined,
    );
  }
  if (model.contextValue !== undefined) item.contextValue = model.contextValue;
  if (model.command) item.command = model.command;
  return item;
}
