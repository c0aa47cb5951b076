import {
  LEVEL_BOUNDS,
  LIKELIHOOD,
  MODEL_VERSION,
  PLAN_STEPS,
  SCOPE_DAYS,
  SEVERITY_FROM_LABEL,
  SEVERITY_UNKNOWN,
  SPIKE_POINTS,
  VALUE_WEIGHT,
} from '@exposure/score';
import type { SiteContext } from './context.js';

/** The model in words, with every constant read from @exposure/score's model.ts. */
export function methodologyModel(ctx: SiteContext): object {
  const { msg, fmt } = ctx;
  const doc = ctx.input.document;
  const n = (x: number, digits = 2) => fmt.number(x, digits);
  // Without a feed the flags are the inputs' own (native files, Defender, the demo): said with
  // their count, so "not used" never stands beside an overview that counts known exploited.
  const kevFlagged = doc.weaknesses.filter((w) => w.kev).length;
  const epssGiven = doc.weaknesses.filter((w) => w.epss !== null).length;
  return {
    modelVersion: doc.model || MODEL_VERSION,
    likelihood: (['activeAlert', 'kev', 'weaponized', 'poc', 'none'] as const).map((k) => ({
      evidence: msg.t(`method.evidence.${k}`),
      value: n(LIKELIHOOD[k], 3),
    })),
    severityLabels: [
      ...(['critical', 'high', 'medium', 'low', 'none'] as const).map((k) => ({
        label: msg.t(`severity.${k}`),
        value: n(SEVERITY_FROM_LABEL[k]),
      })),
      { label: msg.t('severity.unknown'), value: n(SEVERITY_UNKNOWN) },
    ],
    weights: [
      { value: msg.t('value.low'), weight: n(VALUE_WEIGHT.low) },
      { value: msg.t('value.normal'), weight: n(VALUE_WEIGHT.normal) },
      {
        value: msg.t('value.high'),
        weight: msg.t('method.highWeight', {
          per: n(1 / VALUE_WEIGHT.highPerDevices, 0),
          min: n(VALUE_WEIGHT.highMinimum, 0),
        }),
      },
    ],
    levels: [
      { level: 'low', range: `0–${LEVEL_BOUNDS.mediumFrom - 1}` },
      { level: 'medium', range: `${LEVEL_BOUNDS.mediumFrom}–${LEVEL_BOUNDS.highFrom - 1}` },
      { level: 'high', range: `${LEVEL_BOUNDS.highFrom}–100` },
    ],
    scopeDays: SCOPE_DAYS,
    spikePoints: SPIKE_POINTS,
    planSteps: PLAN_STEPS,
    feeds: {
      kev: doc.feeds.kev
        ? {
            version: doc.feeds.kev.catalogVersion,
            released: doc.feeds.kev.dateReleased ? fmt.date(doc.feeds.kev.dateReleased) : null,
            count: fmt.number(doc.feeds.kev.count),
          }
        : null,
      kevFromInputs: doc.feeds.kev
        ? null
        : kevFlagged > 0
          ? msg.t('method.kevFromInputs', { count: kevFlagged, n: fmt.number(kevFlagged) })
          : msg.t('method.kevNone'),
      epssFromInputs: doc.feeds.epss
        ? null
        : epssGiven > 0
          ? msg.t('method.epssFromInputs', { count: epssGiven, n: fmt.number(epssGiven) })
          : msg.t('method.epssNone'),
      epss: doc.feeds.epss
        ? { version: doc.feeds.epss.modelVersion, date: fmt.date(doc.feeds.epss.scoreDate) }
        : null,
    },
    inputs: {
      digest: doc.inputs.digest,
      files: doc.inputs.files.map((f) => ({
        path: f.path,
        format: f.format,
        sha256: f.sha256,
        takenAt: f.takenAt ? fmt.date(f.takenAt) : null,
        findings: f.findings,
      })),
    },
  };
}
