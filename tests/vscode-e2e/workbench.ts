/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The page functions below run in the workbench (a browser), so they use the DOM types.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { SCREENSHOTS, findChromium, type Server } from './code-server.js';

/** Chromium as root on a closed network: no sandbox, no background connections. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium found');
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--window-size=1400,900',
    ],
    defaultViewport: { width: 1400, height: 900 },
  });
}

/** The status bar item of the extension, as a user (and a screen reader) sees it. */
export interface StatusItem {
  text: string;
  ariaLabel: string;
  background: string;
  classes: string;
}

export class Workbench {
  constructor(readonly page: Page) {}

  static async open(browser: Browser, server: Server, folder: string): Promise<Workbench> {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`, {
      waitUntil: 'domcontentloaded',
    });
    await page.waitForSelector('.part.statusbar', { timeout: 60_000 });
    return new Workbench(page);
  }

  async close(): Promise<void> {
    await this.page.close();
  }

  /** Waits until the extension's status bar item satisfies `accept`, and returns it. */
  async status(accept: (item: StatusItem) => boolean, timeout = 60_000): Promise<StatusItem> {
    const deadline = Date.now() + timeout;
    let last: StatusItem | null = null;
    for (;;) {
      last = await this.page.evaluate(() => {
        const el = document.getElementById('exposure.exposure-vscode.exposure.status');
        if (!el) return null;
        const button = (el.querySelector('.statusbar-item-label') ?? el) as HTMLElement;
        return {
          text: (button.textContent ?? '').trim(),
          ariaLabel: button.getAttribute('aria-label') ?? el.getAttribute('aria-label') ?? '',
          background: getComputedStyle(el).backgroundColor,
          classes: el.className,
        };
      });
      if (last && accept(last)) return last;
      if (Date.now() > deadline)
        throw new Error(`status bar item never matched; last: ${JSON.stringify(last)}`);
      await sleep(250);
    }
  }

  /** Waits until some status bar item satisfies `accept` (text and aria-label), and returns it. */
  async statusItem(
    accept: (item: { text: string; ariaLabel: string }) => boolean,
    timeout = 30_000,
  ): Promise<{ text: string; ariaLabel: string }> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const items = await this.page.$$eval('.part.statusbar .statusbar-item', (els) =>
        els.map((el) => {
          const label = el.querySelector('.statusbar-item-label') ?? el;
          return {
            text: (label.textContent ?? '').trim(),
            ariaLabel: label.getAttribute('aria-label') ?? el.getAttribute('aria-label') ?? '',
          };
        }),
      );
      const found = items.find(accept);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no status bar item matched; items: ${JSON.stringify(items)}`);
      await sleep(250);
    }
  }

  async clickStatus(): Promise<void> {
    await this.page.click('[id="exposure.exposure-vscode.exposure.status"] .statusbar-item-label');
  }

  /** Hovers the status bar item and returns the hover's text. */
  async statusHover(): Promise<string> {
    await this.page.mouse.move(700, 300);
    await sleep(300);
    await this.page.hover('[id="exposure.exposure-vscode.exposure.status"] .statusbar-item-label');
    const hover = await this.page.waitForSelector('.workbench-hover', {
      visible: true,
      timeout: 15_000,
    });
    await sleep(300);
    return (await hover!.evaluate((el) => (el as HTMLElement).innerText)).trim();
  }

  /** The rows of the sidebar view whose header is `title`. */
  async rows(
    title: string,
  ): Promise<{ label: string; expanded: string | null; level: string | null }[]> {
    return this.page.evaluate((title) => {
      const panes = [...document.querySelectorAll('.part.sidebar .pane')];
      const pane = panes.find((p) =>
        (p.querySelector('.pane-header .title')?.textContent ?? '')
          .trim()
          .toLowerCase()
          .startsWith(title.toLowerCase()),
      );
      if (!pane) return [];
      return [...pane.querySelectorAll('.monaco-list-row')].map((row) => ({
        label: row.getAttribute('aria-label') ?? '',
        expanded: row.getAttribute('aria-expanded'),
        level: row.getAttribute('aria-level'),
      }));
    }, title);
  }

  async waitForRows(
    title: string,
    accept: (labels: string[]) => boolean,
    timeout = 30_000,
  ): Promise<string[]> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const labels = (await this.rows(title)).map((r) => r.label);
      if (accept(labels)) return labels;
      if (Date.now() > deadline)
        throw new Error(`rows of ${title} never matched; last: ${JSON.stringify(labels)}`);
      await sleep(250);
    }
  }

  /** Clicks the first row of the view whose aria-label starts with `label` (toggles it). */
  async clickRow(title: string, label: string): Promise<void> {
    const handle = await this.page.evaluateHandle(
      (title, label) => {
        const panes = [...document.querySelectorAll('.part.sidebar .pane')];
        const pane = panes.find((p) =>
          (p.querySelector('.pane-header .title')?.textContent ?? '')
            .trim()
            .toLowerCase()
            .startsWith(title.toLowerCase()),
        );
        return (
          [...(pane?.querySelectorAll('.monaco-list-row') ?? [])].find((r) =>
            (r.getAttribute('aria-label') ?? '').startsWith(label),
          ) ?? null
        );
      },
      title,
      label,
    );
    const element = handle.asElement();
    if (!element) throw new Error(`no row "${label}" in ${title}`);
    await (element as unknown as { click(): Promise<void> }).click();
  }

  /** Expands the view section `title` when it is collapsed. */
  async expandPane(title: string): Promise<void> {
    await this.page.evaluate((title) => {
      const headers = [...document.querySelectorAll('.part.sidebar .pane-header')];
      const header = headers.find((h) =>
        (h.querySelector('.title')?.textContent ?? '')
          .trim()
          .toLowerCase()
          .startsWith(title.toLowerCase()),
      );
      if (header && header.getAttribute('aria-expanded') === 'false')
        (header as HTMLElement).click();
    }, title);
  }

  /** The welcome content of the sidebar: its text and its buttons. */
  async welcome(timeout = 30_000): Promise<{ text: string; buttons: string[] }> {
    const el = await this.page.waitForSelector('.part.sidebar .welcome-view-content', {
      visible: true,
      timeout,
    });
    await sleep(200);
    return el!.evaluate((el) => ({
      text: (el as HTMLElement).innerText,
      buttons: [...el.querySelectorAll('.monaco-button')].map((b) => (b.textContent ?? '').trim()),
    }));
  }

  async clickWelcomeButton(label: string): Promise<void> {
    const buttons = await this.page.$$('.part.sidebar .welcome-view-content .monaco-button');
    for (const b of buttons) {
      if ((await b.evaluate((el) => (el.textContent ?? '').trim())) === label) {
        await b.click();
        return;
      }
    }
    throw new Error(`no welcome button "${label}"`);
  }

  /** Runs a command from the palette by its title, as a user would. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('F1');
    const input = await this.page.waitForSelector('.quick-input-widget input', {
      visible: true,
      timeout: 10_000,
    });
    await input!.type(`${title}`);
    await this.page.waitForFunction(
      (title) =>
        [...document.querySelectorAll('.quick-input-widget .monaco-list-row')].some((r) =>
          (r.getAttribute('aria-label') ?? '').includes(title),
        ),
      { timeout: 10_000 },
      title,
    );
    await this.page.keyboard.press('Enter');
  }

  /** Types into the open input box and accepts it. */
  async answerInput(text: string): Promise<void> {
    const input = await this.page.waitForSelector('.quick-input-widget input', {
      visible: true,
      timeout: 10_000,
    });
    await sleep(300);
    await input!.type(text);
    await this.page.keyboard.press('Enter');
  }

  /**
   * Picks an empty folder in a folder dialog. code-server has no native dialogs: showOpenDialog
   * opens VS Code's own "simple file dialog", a quick input holding a path and listing a folder.
   * As a user does: type the folder's path, Enter (the list then shows that folder: only `..`,
   * as it is empty), then the dialog's button (labelled with its `openLabel`).
   */
  async pickEmptyFolder(path: string, button: string): Promise<void> {
    const input = await this.page.waitForSelector('.quick-input-widget input', {
      visible: true,
      timeout: 15_000,
    });
    const rows = () =>
      this.page.$$eval('.quick-input-widget .monaco-list-row', (els) =>
        els.map((r) => r.getAttribute('aria-label') ?? ''),
      );
    const value = () => input!.evaluate((el) => (el as HTMLInputElement).value);
    const wanted = path.endsWith('/') ? path : `${path}/`;
    // The dialog fills its input with its own start folder a moment after it opens, and can
    // overwrite what was typed before that (CI once saw the dialog list "/"): type until the
    // input holds the path, then wait for the listing; do it again if the listing never comes.
    for (let attempt = 1; ; attempt++) {
      await sleep(500);
      await input!.click({ count: 3 });
      await this.page.keyboard.down('Control');
      await this.page.keyboard.press('KeyA');
      await this.page.keyboard.up('Control');
      await this.page.keyboard.press('Backspace');
      await input!.type(wanted);
      const typed = Date.now() + 3_000;
      while ((await value()) !== wanted && Date.now() < typed) await sleep(100);
      await sleep(300);
      if ((await value()) === wanted) {
        await this.page.keyboard.press('Enter');
        const deadline = Date.now() + 10_000;
        while (JSON.stringify(await rows()) !== '[".."]' && Date.now() < deadline) await sleep(200);
        if (JSON.stringify(await rows()) === '[".."]') break;
      }
      if (attempt === 3)
        throw new Error(
          `the folder dialog never listed ${path}; it lists ${JSON.stringify(await rows())}, its input holds ${JSON.stringify(await value())}`,
        );
    }
    const buttons = await this.page.$$('.quick-input-widget .monaco-button');
    const labels = await Promise.all(
      buttons.map((b) => b.evaluate((el) => (el.textContent ?? '').trim())),
    );
    const ok = buttons[labels.indexOf(button)];
    if (!ok)
      throw new Error(`the folder dialog has no "${button}" button: ${JSON.stringify(labels)}`);
    await ok.click();
    await this.page.waitForSelector('.quick-input-widget', { hidden: true, timeout: 15_000 });
  }

  /** The text of every notification toast shown now. */
  async notifications(): Promise<string[]> {
    return this.page.$$eval('.notification-toast .notification-list-item-message', (els) =>
      els.map((e) => (e as HTMLElement).innerText.trim()),
    );
  }

  /** Waits for a notification whose text satisfies `accept`, and returns that text. */
  async notification(accept: (text: string) => boolean, timeout = 30_000): Promise<string> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const texts = await this.notifications();
      const found = texts.find(accept);
      if (found !== undefined) return found;
      if (Date.now() > deadline)
        throw new Error(`no notification matched; shown: ${JSON.stringify(texts)}`);
      await sleep(250);
    }
  }

  /** Clicks a button of the notification whose text satisfies `accept`. */
  async clickNotificationButton(accept: (text: string) => boolean, label: string): Promise<void> {
    const toasts = await this.page.$$('.notification-toast');
    for (const toast of toasts) {
      const text = await toast.evaluate(
        (el) =>
          (el.querySelector('.notification-list-item-message') as HTMLElement | null)?.innerText ??
          '',
      );
      if (!accept(text.trim())) continue;
      for (const button of await toast.$$('.monaco-button')) {
        if ((await button.evaluate((el) => (el.textContent ?? '').trim())) === label) {
          await button.click();
          return;
        }
      }
    }
    throw new Error(`no notification with a "${label}" button`);
  }

  /** Every notification toast shown now: its text and its buttons. */
  async toasts(): Promise<Array<{ text: string; buttons: string[] }>> {
    return this.page.$$eval('.notification-toast', (toasts) =>
      toasts.map((t) => ({
        text: (
          (t.querySelector('.notification-list-item-message') as HTMLElement | null)?.innerText ??
          ''
        ).trim(),
        buttons: [...t.querySelectorAll('.monaco-button')].map((b) => (b.textContent ?? '').trim()),
      })),
    );
  }

  /** The command palette's entries for what is typed (`>` mode), then closes it. */
  async paletteItems(typed: string): Promise<string[]> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('F1');
    const input = await this.page.waitForSelector('.quick-input-widget input', {
      visible: true,
      timeout: 10_000,
    });
    await input!.type(typed);
    await sleep(1000);
    const labels = await this.page.$$eval('.quick-input-widget .monaco-list-row', (rows) =>
      rows.map((r) => {
        const label = r.querySelector('.label-name') as HTMLElement | null;
        return (label?.innerText ?? r.getAttribute('aria-label') ?? '').trim();
      }),
    );
    await this.page.keyboard.press('Escape');
    return labels;
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
