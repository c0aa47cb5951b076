import type { DeviceAssessment, Recommendation, WeaknessSummary } from '@exposure/score';
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
  weaknesses: Map<string, WeaknessSummary>;
  recommendations: Map<string, Recommendation>;
  /** The first recommendation that removes each weakness. */
  recommendationOfWeakness: Map<string, Recommendation>;
  devices: Map<string, DeviceAssessment>;
  /** Highest exposure first, ties by id (@exposure/score's assess): never input order. */
  devicesByExposure: DeviceAssessment[];
  /** Largest exposure impact first, then most devices, then id (@exposure/score). */
  recommendationsByImpact: Recommendation[];
}

export function createContext(input: RenderInput): SiteContext {
  const msg = new Messages(input.lang);
  const fmt = new Formats(input.lang);
  const a = input.assessment;
  const recommendationOfWeakness = new Map<string, Recommendation>();
  for (const rec of a.recommendations) {
    for (const w of rec.weaknesses)
      if (!recommendationOfWeakness.has(w)) recommendationOfWeakness.set(w, rec);
  }
  const named = input.document.organization ?? a.organization ?? '';
  return {
    input,
    msg,
    fmt,
    data: { msg, fmt },
    organization: named || msg.t('app.defaultOrganization'),
    organizationNamed: named !== '',
    deviceSlugs: new SlugTable(),
    recommendationSlugs: new SlugTable(),
    weaknesses: new Map(a.weaknesses.map((w) => [w.id, w])),
    recommendations: new Map(a.recommendations.map((r) => [r.id, r])),
    recommendationOfWeakness,
    devices: new Map(a.devices.map((d) => [d.id, d])),
    // Score's order, which is exposure.json's: the site, the PDF and the extension list alike.
    devicesByExposure: a.devices,
    recommendationsByImpact: a.recommendations,
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
