import type { ReportDocument } from '@exposure/score';
import { recommendationHref, type Root, type SiteContext } from './context.js';
import { roundToTotal } from './rounding.js';

type DocChange = ReportDocument['changes'][number];
type DocStep = DocChange['steps'][number];

export interface StepView {
  delta: number;
  sentence: string;
  weaknesses: Array<{
    id: string;
    title: string | null;
    kev: boolean;
    delta: number;
    devices: number;
    href: string | null;
  }>;
}

export interface ChangeView {
  from: string;
  to: string;
  delta: number;
  spike: boolean;
  /** "+21.7 on 15 August 2026: CVE-… (known exploited) appeared on 96 devices" */
  headline: string;
  steps: StepView[];
  /** Causes too small to show at one decimal; they still count in the exact split. */
  minor: { count: number; text: string } | null;
}

/** Below this a step or weakness shows as 0.0: listed as a count, not one by one. */
const VISIBLE = 0.05;

/** Names the step's top weaknesses: "CVE-1 (known exploited), CVE-2 and 3 more". */
function weaknessList(ctx: SiteContext, step: DocStep): string {
  const { msg } = ctx;
  // A KEV step says "known exploited" itself; elsewhere it is worth naming.
  const named = step.weaknesses
    .slice(0, 2)
    .map((w) => (w.kev && step.kind !== 'kev' ? msg.t('change.kevSuffix', { id: w.id }) : w.id));
  const rest = step.weaknesses.length - named.length;
  if (named.length === 0) return msg.t('change.someWeaknesses');
  if (rest > 0) named.push(msg.t('change.more', { count: rest }));
  if (named.length === 1) return named[0]!;
  return msg.t('change.list', { items: named.slice(0, -1).join(', '), last: named.at(-1)! });
}

export function stepSentence(ctx: SiteContext, step: DocStep): string {
  return ctx.msg.t(`change.step.${step.kind}`, {
    count: step.devices,
    devices: ctx.fmt.number(step.devices),
    weaknesses: weaknessList(ctx, step),
  });
}

export function changeView(ctx: SiteContext, root: Root, c: DocChange): ChangeView {
  const { msg, fmt } = ctx;
  const main = c.steps.reduce<DocStep | undefined>(
    (best, s) => (best === undefined || Math.abs(s.delta) > Math.abs(best.delta) ? s : best),
    undefined,
  );
  const visible = c.steps.filter((s) => Math.abs(s.delta) >= VISIBLE);
  const minorSteps = c.steps.filter(
    (s) => Math.abs(s.delta) < VISIBLE && (s.delta !== 0 || s.devices > 0),
  );
  const minor = minorSteps.length;
  // The shown steps (and the smaller causes together) add up to the shown change at one decimal.
  const shown = roundToTotal(
    [...visible.map((s) => s.delta), minorSteps.reduce((a, s) => a + s.delta, 0)],
    c.delta,
    1,
  );
  return {
    from: fmt.date(c.from),
    to: fmt.date(c.to),
    delta: c.delta,
    spike: c.spike,
    headline: msg.t('change.headline', {
      delta: fmt.signed(c.delta, 1),
      date: fmt.date(c.to),
      sentence: main ? stepSentence(ctx, main) : msg.t('change.nothing'),
    }),
    steps: visible.map((s, i) => ({
      delta: shown[i]!,
      sentence: stepSentence(ctx, s),
      weaknesses: s.weaknesses
        .filter((w) => Math.abs(w.delta) >= VISIBLE)
        .map((w) => {
          const rec = ctx.recommendationOfWeakness.get(w.id);
          return { ...w, href: rec ? recommendationHref(ctx, root, rec.id) : null };
        }),
    })),
    minor:
      minor > 0
        ? { count: minor, text: msg.t('change.minor', { count: minor, n: fmt.number(minor) }) }
        : null,
  };
}

/** Spikes first (in time order), then every other change, newest first. */
export function orderedChanges(changes: readonly DocChange[]): DocChange[] {
  const spikes = changes.filter((c) => c.spike);
  const others = changes.filter((c) => !c.spike).reverse();
  return [...spikes, ...others];
}
