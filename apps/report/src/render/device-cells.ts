import type { DeviceFinding } from '@exposure/score';
import type Handlebars from 'handlebars';
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

export interface FindingRow {
  head: Handlebars.SafeString;
  badges: Handlebars.SafeString;
  alert: boolean;
  software: string | null;
  fixedVersion: string | null;
  risk: string;
  rec: Handlebars.SafeString | null;
}

/**
 * Builds device-page rows from fragments rendered once per weakness and per recommendation (by
 * templates in templates/fragments, so their values are escaped like any other): a million
 * findings cost a million small objects, not a million formatting and escaping passes.
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
            severityText: w ? fmt.number(w.severity * 10, 1) : '',
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

  /** Rows in the order given: deviceFindings lists a device's findings riskiest first. */
  rows(findings: readonly DeviceFinding[]): FindingRow[] {
    return findings.map((f) => {
      const sw = f.software;
      const cells = this.weakness(f.weakness);
      return {
        head: cells.head,
        badges: cells.badges,
        alert: f.activeAlert,
        software: sw ? [sw.vendor, sw.product, sw.version].filter(Boolean).join(' ') : null,
        fixedVersion: f.fixedVersion ?? null,
        risk: this.risk(f.risk),
        rec: this.rec(f.recommendation),
      };
    });
  }
}
