import { MODEL_VERSION } from '@exposure/score';
import type { Root, SiteContext } from './context.js';

export type Section =
  | 'overview'
  | 'recommendations'
  | 'devices'
  | 'changes'
  | 'methodology'
  | 'inputs'
  /** Linked from the overview, not in the navigation. */
  | 'exceptions';

const SECTIONS: ReadonlyArray<{ id: Section; path: string }> = [
  { id: 'overview', path: 'index.html' },
  { id: 'recommendations', path: 'recommendations.html' },
  { id: 'devices', path: 'devices/index.html' },
  { id: 'changes', path: 'changes.html' },
  { id: 'methodology', path: 'methodology.html' },
  { id: 'inputs', path: 'inputs.html' },
];

export interface LayoutContext {
  lang: string;
  root: Root;
  title: string;
  /** Null when no organization was named: the pages then show none. */
  organization: string | null;
  asOf: string;
  nav: Array<{ href: string; label: string; current: boolean }>;
  model: string;
  digest: string;
}

const shared = new WeakMap<SiteContext, Map<string, Omit<LayoutContext, 'title'>>>();

/** The header, navigation and footer every site page shares; built once per folder and section. */
export function layoutContext(
  ctx: SiteContext,
  root: Root,
  section: Section,
  title: string,
): LayoutContext {
  let byPlace = shared.get(ctx);
  if (!byPlace) {
    byPlace = new Map();
    shared.set(ctx, byPlace);
  }
  const key = `${root}|${section}`;
  let base = byPlace.get(key);
  if (!base) {
    const doc = ctx.input.document;
    base = {
      lang: ctx.msg.lang,
      root,
      // Beside the brand and in the window title only when it is a name.
      organization: ctx.organizationNamed ? ctx.organization : null,
      asOf: ctx.fmt.date(doc.asOf),
      nav: SECTIONS.map((s) => ({
        href: `${root}${s.path}`,
        label: ctx.msg.t(`nav.${s.id}`),
        current: s.id === section,
      })),
      model: doc.model || MODEL_VERSION,
      digest: doc.inputs.digest,
    };
    byPlace.set(key, base);
  }
  return { ...base, title };
}
