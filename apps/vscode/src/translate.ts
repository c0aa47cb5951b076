/**
 * The one seam between the plain modules and VS Code's localization: every user-facing string is
 * passed through a `Translate`, which is `vscode.l10n.t` in the editor and a bundle-backed
 * function in the tests. Messages are the English text with `{0}`-style placeholders, which is
 * also the key in `l10n/bundle.l10n.*.json`.
 */
export type Translate = (message: string, ...args: Array<string | number>) => string;

/** Fills `{0}`, `{1}`… the way `vscode.l10n.t` does; unknown placeholders are left as written. */
export function formatMessage(template: string, args: ReadonlyArray<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

/** A Translate over a message bundle (English when the bundle lacks the message). */
export function bundleTranslate(bundle: Readonly<Record<string, string>> = {}): Translate {
  return (message, ...args) => formatMessage(bundle[message] ?? message, args);
}

/** What the view-models need to present text: translation plus number formatting for the locale. */
export interface Presenter {
  t: Translate;
  /** BCP 47 tag of the display language (`vscode.env.language`), e.g. `en` or `nl`. */
  locale: string;
}
