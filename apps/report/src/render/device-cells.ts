import type { PageFinding } from '@exposure/score';
import Handlebars from 'handlebars';
import { recommendationHref, type SiteContext } from './context.js';
import { weaknessBadges } from './rows.js';
import { severityNote } from './severity-note.js';
import { templates, type TemplateSet } from './templates.js';
import { localTitle } from './rec-title.js';

/** The parts of a device page's finding row that are the same wherever the weakness shows. */
interface WeaknessCells {
  /** Weakness id and title, severity. */
  head: Handlebars.SafeString;
  /** Threat badges (known exploited, exploit, EPSS). */
  badges: Handlebars.SafeString;
}

const escape = Handlebars.Utils.escapeExpression;

/**
 * Builds device-page rows from fragments rendered once per weakness and per recommendation (by
 * templates in templates/fragments, so their values are escaped like any other): a million
 * findings cost a million short strings, not a million formatting and escaping passes. The rows
 * are joined here rather than by an `{{#each}}` in device.hbs: at a million rows Handlebars'
 * per-row contexts, lookups and helpers were a fifth of the whole site's time. The few values
 * of the finding itself (software, fixed version) are escaped exactly as `{{ }}` would.
 */
export class FindingRows {
  private readonly weaknesses = new Map<string, WeaknessCells>();
  private readonly recs = new Map<string, Handlebars.SafeString | null>();
  private readonly risks = new Map<number, string>();
  private readonly t: TemplateSet = templates();

  constructor(private readonly ctx: SiteContext) {}

  private weakness(id: string): WeaknessCells {
    let cells = this.weaknesses.get(id);
    if (!cells) {
      const { fmt, data } = this.ctx;
      const w = this.ctx.weaknesses.get(id);
      const label = w?.severityLabel ?? 'none';
      cells = {
        head: this.t.fragment(
          'finding-weakness',
          {
            id,
            title: w?.title ?? null,
            severityLabel: label,
            severityText: w ? fmt.number(w.severity, 1) : '',
            severityNote: severityNote(this.ctx, w),
          },
          data,
        ),
        badges: this.t.fragment(
          'finding-badges',
          { badges: w ? weaknessBadges(this.ctx, w) : [] },
          data,
        ),
      };
      this.weaknesses.set(id, cells);
    }
    return cells;
  }

  private rec(id: string): Handlebars.SafeString | null {
    let link = this.recs.get(id);
    if (link === undefined) {
      const rec = this.ctx.recommendations.get(id);
      link = rec
        ? this.t.fragment(
            'recommendation-link',
            {
              href: recommendationHref(this.ctx, '../', rec.id),
              title: localTitle(this.ctx.msg, rec.title),
            },
            this.ctx.data,
          )
        : null;
      this.recs.set(id, link);
    }
    return link;
  }

  /** Risks take few distinct values (severity × likelihood): format each once. */
  private risk(r: number): string {
    let text = this.risks.get(r);
    if (text === undefined) this.risks.set(r, (text = this.ctx.fmt.number(r, 3)));
    return text;
  }

  /** The active-alert badge that opens a row's threats cell, escaped once. */
  private alertBadge?: string;

  /**
   * The table body's rows (`<tr>…</tr>`, a line between two), in the order given: deviceFindings
   * lists a device's findings riskiest first.
   */
  html(findings: readonly PageFinding[]): Handlebars.SafeString {
    this.alertBadge ??= `<span class="badge badge-alert">${escape(this.ctx.msg.t('badge.alert'))}</span> `;
    let out = '';
    for (const [i, f] of findings.entries()) {
      const sw = f.software;
      const cells = this.weakness(f.weakness);
      const software = sw ? [sw.vendor, sw.product, sw.version].filter(Boolean).join(' ') : '';
      const rec = this.rec(f.recommendation);
      out +=
        (i > 0 ? '\n' : '') +
        `<tr>${cells.head.toHTML()}<td>${f.activeAlert ? this.alertBadge : ''}` +
        `${cells.badges.toHTML()}</td><td class="id">${escape(software)}</td>` +
        `<td class="id">${escape(f.fixedVersion ?? '')}</td>` +
        `<td class="num">${escape(this.risk(f.risk))}</td><td>${rec ? rec.toHTML() : ''}</td></tr>`;
    }
    return new Handlebars.SafeString(out);
  }
}
