import type { DeviceFinding } from '@exposure/score';
import { recommendationHref, type SiteContext } from './context.js';
import { weaknessBadges, type Badge } from './rows.js';

/** What a device page shows of a weakness: the same on every device, so built once per weakness. */
export interface WeaknessCell {
  id: string;
  title: string | null;
  severityLabel: string;
  severityName: string;
  severityText: string;
  badges: Badge[];
}

export interface FindingRow {
  w: WeaknessCell;
  alert: boolean;
  software: string | null;
  fixedVersion: string | null;
  risk: string;
  rec: { href: string; title: string } | null;
}

/**
 * Builds device-page rows with per-weakness and per-recommendation parts cached, so a million
 * findings cost a million small objects, not a million formatting passes.
 */
export class FindingRows {
  private readonly weaknesses = new Map<string, WeaknessCell>();
  private readonly recs = new Map<string, { href: string; title: string } | null>();

  constructor(private readonly ctx: SiteContext) {}

  private weakness(id: string): WeaknessCell {
    let cell = this.weaknesses.get(id);
    if (!cell) {
      const { msg, fmt } = this.ctx;
      const w = this.ctx.weaknesses.get(id);
      const label = w?.severityLabel ?? 'none';
      cell = {
        id,
        title: w?.title ?? null,
        severityLabel: label,
        severityName: msg.t(`severity.${label}`),
        severityText: w ? fmt.number(w.severity * 10, 1) : '',
        badges: w ? weaknessBadges(this.ctx, w) : [],
      };
      this.weaknesses.set(id, cell);
    }
    return cell;
  }

  private rec(id: string): { href: string; title: string } | null {
    let link = this.recs.get(id);
    if (link === undefined) {
      const rec = this.ctx.recommendations.get(id);
      link = rec ? { href: recommendationHref(this.ctx, '../', rec.id), title: rec.title } : null;
      this.recs.set(id, link);
    }
    return link;
  }

  rows(findings: readonly DeviceFinding[]): FindingRow[] {
    const sorted = [...findings].sort(
      (a, b) => b.risk - a.risk || (a.weakness < b.weakness ? -1 : a.weakness > b.weakness ? 1 : 0),
    );
    return sorted.map((f) => {
      const sw = f.software;
      return {
        w: this.weakness(f.weakness),
        alert: f.activeAlert,
        software: sw ? [sw.vendor, sw.product, sw.version].filter(Boolean).join(' ') : null,
        fixedVersion: f.fixedVersion ?? null,
        risk: this.ctx.fmt.number(f.risk, 3),
        rec: this.rec(f.recommendation),
      };
    });
  }
}
