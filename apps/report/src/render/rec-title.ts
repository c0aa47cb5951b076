/**
 * Recommendation titles in the page's language. `@exposure/score` writes them in English, in a
 * few fixed forms (recommendation-keys.ts, software-names.ts), and exposure.json keeps them so;
 * the pages say them in their language by recognising those forms. A title in another form (a
 * platform's own, such as Defender's "Enable … protection") is shown as the platform wrote it.
 */
import type { Messages } from './i18n.js';

/** The forms score's titles take, most specific first, and the message that says each. */
const FORMS: ReadonlyArray<{ form: RegExp; key: string; parts: readonly string[] }> = [
  { form: /^Update (.+)$/s, key: 'recTitle.update', parts: ['name'] },
  { form: /^Remediate (\S+): (.+)$/s, key: 'recTitle.remediateTitled', parts: ['id', 'title'] },
  { form: /^Remediate (\S+)$/s, key: 'recTitle.remediate', parts: ['id'] },
  { form: /^Fix configuration (.+)$/s, key: 'recTitle.fixConfiguration', parts: ['id'] },
];

/** "Update GNU glibc" → "GNU glibc bijwerken" in Dutch; English as it is. */
export function localTitle(msg: Messages, title: string): string {
  if (msg.lang === 'en') return title;
  for (const { form, key, parts } of FORMS) {
    const m = form.exec(title);
    if (!m) continue;
    const params: Record<string, string> = {};
    parts.forEach((p, i) => (params[p] = m[i + 1]!));
    return msg.t(key, params);
  }
  return title;
}
