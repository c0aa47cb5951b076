import * as vscode from 'vscode';
import { exportReportCommand } from './export-command.js';
import type { ExposureExtension } from './exposure-extension.js';
import { advisoryLink, recommendationPage, reportHome } from './links.js';
import { checkUrlInput, sourceSettingFor } from './settings.js';
import type { TreeNode } from './tree-model.js';

type Handler = (...args: never[]) => unknown;

/** Every command of the extension, in one registry (the manifest's `contributes.commands`). */
export function commandHandlers(ext: ExposureExtension): Record<string, Handler> {
  const t = vscode.l10n.t;
  return {
    'exposure.refresh': () => ext.store.refresh(),
    'exposure.openDemo': () => ext.store.showDemo(),
    'exposure.chooseSource': async () => {
      const picks = [
        { label: `$(file) ${t('Choose a file or folder…')}`, id: 'file' },
        { label: `$(globe) ${t('Enter a URL…')}`, id: 'url' },
        { label: `$(beaker) ${t('Open the bundled demo')}`, id: 'demo' },
      ];
      const pick = await vscode.window.showQuickPick(picks, {
        placeHolder: t('Where should Exposure read from?'),
      });
      if (pick?.id === 'file') await vscode.commands.executeCommand('exposure.chooseFile');
      else if (pick?.id === 'url') await vscode.commands.executeCommand('exposure.enterUrl');
      else if (pick?.id === 'demo') await ext.store.showDemo();
    },
    'exposure.chooseFile': async () => {
      const folder = ext.workspaceFolder();
      const chosen = await vscode.window.showOpenDialog({
        canSelectFiles: true,
        canSelectFolders: true,
        canSelectMany: false,
        openLabel: t('Use as source'),
        ...(folder ? { defaultUri: vscode.Uri.file(folder) } : {}),
      });
      const file = chosen?.[0];
      if (file) await ext.saveSource(sourceSettingFor(file.fsPath, folder));
    },
    'exposure.enterUrl': async () => {
      const url = await vscode.window.showInputBox({
        prompt: t('URL of a published exposure.json'),
        placeHolder: 'https://intranet.example.com/exposure/exposure.json',
        validateInput: (value) => checkUrlInput(value, t),
      });
      if (url) await ext.saveSource(url.trim());
    },
    'exposure.openReport': async () => {
      const shown = ext.shown();
      if (!shown) return vscode.commands.executeCommand('exposure.chooseSource');
      if (shown.source.siteBase)
        return vscode.env.openExternal(vscode.Uri.parse(reportHome(shown.source.siteBase)));
      if (shown.source.documentPath)
        return vscode.window.showTextDocument(vscode.Uri.file(shown.source.documentPath));
      const doc = await vscode.workspace.openTextDocument({
        language: 'json',
        content: JSON.stringify(shown.document, null, 2),
      });
      return vscode.window.showTextDocument(doc);
    },
    // A folder argument (a Uri, or a path from a keybinding's `args`) skips the folder dialog.
    'exposure.exportReport': (target?: unknown) => exportReportCommand(ext, target),
    'exposure.copyId': (node?: TreeNode) => {
      const id = node && 'id' in node ? node.id : undefined;
      if (id !== undefined) return vscode.env.clipboard.writeText(id);
      return undefined;
    },
    'exposure.openInReport': (node?: TreeNode) => {
      const base = ext.shown()?.source.siteBase;
      if (node?.kind === 'recommendation' && base) {
        return vscode.env.openExternal(vscode.Uri.parse(recommendationPage(base, node.id)));
      }
      return undefined;
    },
    'exposure.openAdvisory': (node?: TreeNode) => {
      if (node?.kind !== 'weakness') return undefined;
      const weakness = ext.recommendations.model?.index.weakness(node.id);
      const link = weakness ? advisoryLink(weakness.references) : null;
      return link ? vscode.env.openExternal(vscode.Uri.parse(link)) : undefined;
    },
    'exposure.showMore': (parentKey?: string) => {
      if (typeof parentKey !== 'string') return;
      (parentKey.startsWith('level:') ? ext.devices : ext.recommendations).showMore(parentKey);
    },
  };
}

export function registerCommands(ext: ExposureExtension): vscode.Disposable[] {
  return Object.entries(commandHandlers(ext)).map(([id, handler]) =>
    vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown),
  );
}
