import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vscode from 'vscode';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { activate, deactivate } from '../src/extension.js';
import { fake, type FakeTreeView, type MarkdownString, type TreeItem } from './fake-vscode.js';
import { makeDevice, makeDocument, makeRecommendation } from './make-document.js';
import { HOSTILE } from './presenters.js';

const dir = mkdtempSync(join(tmpdir(), 'exposure-ext-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const manifest = JSON.parse(
  readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'),
) as {
  contributes: {
    commands: Array<{ command: string }>;
    views: Record<string, Array<{ id: string }>>;
  };
};

function context() {
  return {
    subscriptions: [] as Array<{ dispose(): unknown }>,
  } as unknown as vscode.ExtensionContext;
}

const statusItem = () => fake.statusBarItems[0]!;
const view = (id: string): FakeTreeView => fake.treeViews.find((v) => v.viewId === id)!;

async function children(
  v: FakeTreeView,
  node?: unknown,
): Promise<Array<{ node: unknown; item: TreeItem }>> {
  const nodes = await v.provider.getChildren(node);
  return Promise.all(nodes.map(async (n) => ({ node: n, item: await v.provider.getTreeItem(n) })));
}

async function ready(): Promise<void> {
  await vi.waitFor(() => expect(fake.context.get('exposure.state')).toMatch(/ready|error/), {
    timeout: 10_000,
  });
}

let ctx: vscode.ExtensionContext;
beforeEach(() => {
  fake.reset();
  ctx = context();
});
afterEach(() => {
  deactivate();
});

function publish(name: string, over: Parameters<typeof makeDocument>[0] = {}): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'exposure.json'), JSON.stringify(makeDocument(over)));
  return folder;
}

describe('activate', { timeout: 20_000 }, () => {
  it('registers every contributed command and view, and shows an unconfigured status', () => {
    activate(ctx);
    expect([...fake.commands.keys()].sort()).toEqual(
      manifest.contributes.commands.map((c) => c.command).sort(),
    );
    expect(fake.treeViews.map((v) => v.viewId)).toEqual(
      manifest.contributes.views['exposure']!.map((v) => v.id),
    );
    expect(fake.statusBarItems).toHaveLength(1);
    expect(statusItem()).toMatchObject({
      alignment: vscode.StatusBarAlignment.Left,
      text: '$(shield) Exposure',
      visible: true,
    });
    expect(statusItem().command).toBe('exposure.recommendations.focus');
    expect(fake.context.get('exposure.state')).toBe('unconfigured');
  });

  it('reads nothing during activation: the first load comes after', async () => {
    fake.settings.set('exposure.source', publish('first'));
    activate(ctx);
    expect(statusItem().text).toBe('$(loading~spin) Exposure');
    await ready();
    expect(statusItem().text).toBe('$(shield) Exposure 42 · Medium ▲3');
  });

  it("applies the tooltip as Markdown that can run only the extension's commands, without HTML", async () => {
    fake.settings.set('exposure.source', publish('tooltip'));
    activate(ctx);
    await ready();
    const tooltip = statusItem().tooltip as MarkdownString;
    expect(tooltip.supportHtml).toBe(false);
    expect(tooltip.isTrusted).toEqual({
      enabledCommands: [
        'exposure.refresh',
        'exposure.chooseSource',
        'exposure.openReport',
        'exposure.recommendations.focus',
      ],
    });
    expect(tooltip.value).toContain('Top recommendations');
  });

  it('shows a high level with the warning background', async () => {
    fake.settings.set(
      'exposure.source',
      publish('high', { display: 75, score: 75.2, level: 'high' }),
    );
    activate(ctx);
    await ready();
    expect(statusItem().backgroundColor).toEqual(
      new vscode.ThemeColor('statusBarItem.warningBackground'),
    );
  });

  it('speaks Dutch in a Dutch VS Code', async () => {
    fake.language = 'nl';
    fake.settings.set('exposure.source', publish('dutch'));
    activate(ctx);
    await ready();
    expect(statusItem().text).toBe('$(shield) Blootstelling 42 · Gemiddeld ▲3');
    const roots = await children(view('exposure.devices'));
    expect(roots.map((r) => r.item.label)).toEqual(['Hoog', 'Gemiddeld', 'Laag', 'Geen']);
  });

  it('fills the views: recommendations by impact, devices by level', async () => {
    fake.settings.set('exposure.source', publish('views'));
    activate(ctx);
    await ready();
    const recs = await children(view('exposure.recommendations'));
    expect(recs.map((r) => r.item.label)).toEqual([
      'Update openssl',
      'Turn on the firewall',
      'Update acme small',
      'Update zlib',
    ]);
    expect(recs[0]!.item).toMatchObject({
      description: '−3.2',
      collapsibleState: vscode.TreeItemCollapsibleState.Collapsed,
      iconPath: new vscode.ThemeIcon('flame', new vscode.ThemeColor('charts.red')),
    });
    expect((recs[0]!.item.tooltip as MarkdownString).isTrusted).toBe(false);
    const groups = await children(view('exposure.recommendations'), recs[0]!.node);
    expect(groups.map((g) => `${g.item.label} ${g.item.description}`)).toEqual([
      'Weaknesses 2',
      'Exposed devices 2',
    ]);
  });

  it('follows settings changes: source, then group', async () => {
    fake.settings.set('exposure.source', publish('before'));
    activate(ctx);
    await ready();
    fake.context.delete('exposure.state');
    await vscode.workspace
      .getConfiguration('exposure')
      .update('source', publish('after', { display: 12, score: 12, level: 'low', previous: null }));
    await ready();
    expect(statusItem().text).toBe('$(shield) Exposure 12 · Low');
    await vscode.workspace.getConfiguration('exposure').update('group', 'Web');
    await vi.waitFor(() => expect(statusItem().text).toBe('$(shield) Exposure 72 · High'));
  });

  it('shows why a source cannot be read, in the status bar and the views', async () => {
    const missing = join(dir, 'missing', 'exposure.json');
    fake.settings.set('exposure.source', missing);
    activate(ctx);
    await ready();
    expect(statusItem().text).toBe('$(warning) Exposure');
    expect(statusItem().backgroundColor).toEqual(
      new vscode.ThemeColor('statusBarItem.errorBackground'),
    );
    expect((statusItem().tooltip as MarkdownString).value).toContain('does not exist');
    // VS Code shows the error welcome (Refresh, Choose Source) only while the message is empty.
    expect(view('exposure.recommendations').message).toBeUndefined();
    expect(view('exposure.devices').message).toBeUndefined();
    expect(fake.context.get('exposure.state')).toBe('error');
    expect(fake.context.get('exposure.hasData')).toBe(false);
    expect(statusItem().accessibilityInformation?.label).toBe(
      `Exposure: the source cannot be read: ${missing} does not exist`,
    );
  });

  it('gives screen readers plain words: no icon names, no Markdown', async () => {
    const folder = publish('spoken');
    fake.settings.set('exposure.source', folder);
    activate(ctx);
    await ready();
    expect(statusItem().accessibilityInformation).toEqual({
      label: 'Exposure score 42, Medium, up 3 since the previous report',
      role: 'button',
    });
  });

  it('Enter a Source URL… in Restricted Mode saves to the user settings and says why', async () => {
    fake.workspaceFolders = [dir];
    fake.trusted = false;
    activate(ctx);
    fake.answers.inputBox.push('https://intranet.example/exposure/exposure.json');
    await vscode.commands.executeCommand('exposure.enterUrl');
    expect(fake.settings.get('exposure.source')).toBe(
      'https://intranet.example/exposure/exposure.json',
    );
    expect(fake.settingTargets.get('exposure.source')).toBe(vscode.ConfigurationTarget.Global);
    expect(fake.messages).toEqual([
      'Saved to your user settings: this workspace is in Restricted Mode, where its own settings cannot choose the source.',
    ]);
  });

  it('Choose source… saves a URL to the workspace settings', async () => {
    fake.workspaceFolders = [dir];
    activate(ctx);
    fake.answers.quickPick.push(1);
    fake.answers.inputBox.push('https://intranet.example/exposure/exposure.json');
    await vscode.commands.executeCommand('exposure.chooseSource');
    expect(fake.settings.get('exposure.source')).toBe(
      'https://intranet.example/exposure/exposure.json',
    );
    expect(fake.settingTargets.get('exposure.source')).toBe(vscode.ConfigurationTarget.Workspace);
    expect(fake.messages).toEqual([]);
  });

  it('Choose source… saves a chosen file relative to the workspace', async () => {
    fake.workspaceFolders = [dir];
    const folder = publish('chosen');
    activate(ctx);
    fake.answers.quickPick.push(0);
    fake.answers.openDialog.push(folder);
    await vscode.commands.executeCommand('exposure.chooseSource');
    expect(fake.settings.get('exposure.source')).toBe('chosen');
    await ready();
    expect(statusItem().text).toMatch(/Exposure 42/);
  });

  it('item actions: copy id, open in report, open advisory, show more', async () => {
    const folder = publish('site');
    writeFileSync(join(folder, 'index.html'), '<!doctype html>');
    fake.settings.set('exposure.source', folder);
    activate(ctx);
    await ready();
    const recs = await children(view('exposure.recommendations'));
    await vscode.commands.executeCommand('exposure.copyId', recs[0]!.node);
    expect(fake.clipboard).toBe('software/openssl/openssl');
    expect(recs[0]!.item.contextValue).toBe('recommendation site');
    await vscode.commands.executeCommand('exposure.openInReport', recs[0]!.node);
    expect(fake.opened.at(-1)).toMatch(
      /^file:\/\/.*\/site\/recommendations\/software-openssl-openssl-[0-9a-f]{64}\.html$/,
    );
    const [weaknesses] = await children(view('exposure.recommendations'), recs[0]!.node);
    const [kev] = await children(view('exposure.recommendations'), weaknesses!.node);
    await vscode.commands.executeCommand('exposure.openAdvisory', kev!.node);
    expect(fake.opened.at(-1)).toBe('https://nvd.nist.gov/vuln/detail/CVE-2026-0001');
    await vscode.commands.executeCommand('exposure.openReport');
    expect(fake.opened.at(-1)).toMatch(/\/site\/index\.html$/);
  });

  it('the demo opens without any setting', async () => {
    activate(ctx);
    await vscode.commands.executeCommand('exposure.openDemo');
    await ready();
    expect(statusItem().text).toMatch(/^\$\(shield\) Exposure \d+ · (Low|Medium|High|None)/);
    expect((statusItem().tooltip as MarkdownString).value).toContain('bundled demo');
    expect((await children(view('exposure.recommendations'))).length).toBeGreaterThan(0);
  });

  it('keeps hostile device names and titles as plain labels', async () => {
    const hostile = HOSTILE[0]!;
    fake.settings.set(
      'exposure.source',
      publish('hostile', {
        recommendations: [makeRecommendation({ id: 'r', title: HOSTILE[1]!, devices: ['d1'] })],
        devices: {
          total: 1,
          outOfScope: 0,
          outOfScopeItems: [],
          byLevel: { none: 0, low: 0, medium: 1, high: 0 },
          items: [makeDevice({ id: 'd1', name: hostile })],
        },
      }),
    );
    activate(ctx);
    await ready();
    const [rec] = await children(view('exposure.recommendations'));
    expect(rec!.item.label).toBe(HOSTILE[1]);
    const [level] = await children(view('exposure.devices'));
    const [device] = await children(view('exposure.devices'), level!.node);
    expect(device!.item.label).toBe(hostile);
    expect((device!.item.tooltip as MarkdownString).value).not.toContain('](command:');
    expect((statusItem().tooltip as MarkdownString).value).not.toMatch(/(?<!\\)<img/);
  });

  it('deactivate disposes everything it made', async () => {
    activate(ctx);
    deactivate();
    expect(statusItem().disposed).toBe(true);
    expect(fake.commands.size).toBe(0);
    expect(fake.treeViews.every((v) => v.disposed)).toBe(true);
  });
});
