import type { PageRecommendation, PageDevice, PageWeakness } from '@exposure/score';
import { Formats } from './format.js';
import { Messages } from './i18n.js';
import { SlugTable } from './slug.js';
import type { RenderData } from './templates.js';
import type { RenderInput } from './types.js';

/** Everything the page builders share: lookups built once, so no page does a linear search. */
export interface SiteContext {
  input: RenderInput;
  msg: Messages;
  fmt: Formats;
  data: RenderData;
  /** The organization's name, or the stand-in "Your organization" for sentences. */
  organization: string;
  /** Whether the inputs or `--org` named the organization: pages never present the stand-in as a name. */
  organizationNamed: boolean;
  deviceSlugs: SlugTable;
  recommendationSlugs: SlugTable;
  weaknesses: Map<string, PageWeakness>;
  recommendations: Map<string, PageRecommendation>;
  /** The first recommendation that removes each weakness. */
  recommendationOfWeakness: Map<string, PageRecommendation>;
  devices: Map<string, PageDevice>;
  /** Highest exposure first, ties by id: exposure.json's order, never input order. */
  devicesByExposure: PageDevice[];
  /** Largest exposure impact first, then most devices, then id: exposure.json's order. */
  recommendationsByImpact: PageRecommendation[];
}

export function createContext(input: RenderInput): SiteContext {
  const msg = new Messages(input.lang);
  const fmt = new Formats(input.lang);
  const doc = input.document;
  const recommendationOfWeakness = new Map<string, PageRecommendation>();
  for (const rec of doc.recommendations) {
    for (const w of rec.weaknesses)
      if (!recommendationOfWeakness.has(w)) recommendationOfWeakness.set(w, rec);
  }
  const named = doc.organization ?? '';
  return {
    input,
    msg,
    fmt,
    data: { msg, fmt },
    organization: named || msg.t('app.defaultOrganization'),
    organizationNamed: named !== '',
    deviceSlugs: new SlugTable(),
    recommendationSlugs: new SlugTable(),
    weaknesses: new Map(doc.weaknesses.map((w) => [w.id, w])),
    recommendations: new Map(doc.recommendations.map((r) => [r.id, r])),
    recommendationOfWeakness,
    devices: new Map(doc.devices.items.map((d) => [d.id, d])),
    // exposure.json's orders: the site, the PDF and the extension list alike.
    devicesByExposure: doc.devices.items,
    recommendationsByImpact: doc.recommendations,
  };
}

/** Where a page sits: `''` at the top, `'../'` one folder down. */
export type Root = '' | '../';

export function deviceHref(ctx: SiteContext, root: Root, id: string): string {
  return `${root}devices/${ctx.deviceSlugs.get(id)}.html`;
}

export function recommendationHref(ctx: SiteContext, root: Root, id: string): string {
  return `${root}recommendations/${ctx.recommendationSlugs.get(id)}.html`;
}
