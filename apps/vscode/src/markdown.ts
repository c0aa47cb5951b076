/**
 * Markdown for tooltips that show strings from a document somebody else published. Every ASCII
 * punctuation character is backslash-escaped (CommonMark allows it for all of them), so no data
 * string can open a link, a command URI, an image, HTML, an autolink (`https:` / `@`) or a theme
 * icon (`$(…)`); line breaks and other control characters become spaces so data cannot start a
 * heading or a list either.
 */

const PUNCTUATION = /[!-/:-@[-`{-~]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** Escapes one data string for inline use in Markdown; long strings are shortened. */
export function md(text: string, maxLength = 200): string {
  const flat = text.replace(CONTROL, ' ');
  const short = flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
  return short.replace(PUNCTUATION, '\\$&');
}

/** Commands a tooltip may link to: only the extension's own. */
export const TOOLTIP_COMMANDS = [
  'exposure.refresh',
  'exposure.chooseSource',
  'exposure.openReport',
  'exposure.recommendations.focus',
] as const;

export type TooltipCommand = (typeof TOOLTIP_COMMANDS)[number];

/** A Markdown link to one of the allowed commands; the label is escaped like data. */
export function commandLink(label: string, command: TooltipCommand): string {
  return `[${md(label)}](command:${command})`;
}
