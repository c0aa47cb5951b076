import Handlebars from 'handlebars';

/** Escapes text for HTML or SVG element content and attribute values (& < > " ' ` =). */
export function escapeXml(text: string): string {
  return Handlebars.escapeExpression(text);
}

/**
 * Marks markup we generated ourselves (chart SVG) as safe for `{{ }}`. Only for our own output:
 * data never goes through here unescaped.
 */
export function trustedMarkup(html: string): Handlebars.SafeString {
  return new Handlebars.SafeString(html);
}
