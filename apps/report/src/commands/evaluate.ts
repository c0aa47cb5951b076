/**
 * The shared first half of both commands: read the inputs (or take the demo fleet) and the history,
 * and hand them to @exposure/score's one evaluation, which gives the fleet state, its assessment,
 * the trend and the exposure.json document.
 */
import { createHash } from 'node:crypto';
import { inputsDigest, readExceptions, sha256File, type VendorScore } from '@exposure/ingest';
import {
  DEFAULT_SLA,
  evaluate as evaluateFleet,
  EvaluationError,
  type CarriedHistory,
  type Evaluation as FleetEvaluation,
  type FeedInfo,
  type InputsInfo,
  type Observation,
  type SlaPolicy,
} from '@exposure/score';
import type { CliDeps } from '../deps.js';
import { UsageError } from '../exit-codes.js';
import type { Progress } from '../progress.js';
import { parseAsOf } from './as-of.js';

export interface SourceOptions {
  org?: string;
  assets?: string;
  kev?: string;
  epss?: string;
  /** `--as-of`: a date (the end of that UTC day) or a date-time with a zone. */
  asOf?: string;
  /** `--history DIR`; false with `--no-history`. */
  history?: string | false;
  rebuildHistory?: boolean;
  /** Exceptions file (CSV or JSON): accepted risks. */
  exceptions?: string;
  /** Remediation deadlines in days by severity (the defaults when not set). */
  sla?: SlaPolicy;
}

export interface Evaluation extends FleetEvaluation {
  /** True when no inputs were given and the bundled demo fleet was scored. */
  demo: boolean;
}

/** The demo's `inputs.digest`: a function of its seed only, so demo runs publish identical documents. */
export function demoDigest(seed: number): string {
  return createHash('sha256').update(`demo:${seed}`).digest('hex');
}

interface Loaded {
  observations: Observation[];
  history: CarriedHistory | null;
  feeds: FeedInfo;
  inputs: InputsInfo;
  warnings: string[];
  kevDueDates?: ReadonlyMap<string, string>;
  vendorScores?: VendorScore[];
}

async function load(
  paths: readonly string[],
  options: SourceOptions,
  historyDir: string | undefined,
  asOf: number | undefined,
  deps: CliDeps,
  progress: Progress,
): Promise<Loaded> {
  if (paths.length > 0) {
    return deps.loadInputs([...paths], {
      ...(options.kev !== undefined && { kev: options.kev }),
      ...(options.epss !== undefined && { epss: options.epss }),
      ...(options.assets !== undefined && { assets: options.assets }),
      ...(options.org !== undefined && { organization: options.org }),
      ...(asOf !== undefined && { asOf }),
      ...(historyDir !== undefined && !options.rebuildHistory && { history: historyDir }),
      onProgress: ({ done, total, file }) => {
        progress.detail(file);
        progress.done(done, total);
      },
    });
  }
  const feedOption = (['kev', 'epss', 'assets'] as const).find((k) => options[k] !== undefined);
  if (feedOption) {
    throw new UsageError(
      `--${feedOption} needs inputs to apply to; the bundled demo fleet (no inputs) carries its own`,
    );
  }
  const demo = await deps.demoHistory();
  const org = options.org ?? demo.organization;
  // Snapshots are plain frozen-by-convention records: a shallow copy renames the organization.
  const observations = demo.snapshots.map((s, i): Observation => ({
    source: `demo/day-${String(i + 1).padStart(3, '0')}`,
    format: 'native',
    time: s.time,
    timeSource: 'file',
    coverage: 'full',
    snapshot: s.organization === org ? s : { ...s, organization: org },
  }));
  return {
    observations,
    history: null,
    feeds: {},
    inputs: { digest: demoDigest(demo.seed), files: [] },
    warnings: [],
  };
}

export interface EvaluateOptions {
  /** Where the history is read from (and, by the caller, written to); none: no history. */
  historyDir?: string;
  group?: string;
}

export async function evaluate(
  paths: readonly string[],
  options: SourceOptions,
  deps: CliDeps,
  progress: Progress,
  how: EvaluateOptions = {},
): Promise<Evaluation> {
  const demo = paths.length === 0;
  const asOf = options.asOf === undefined ? undefined : parseAsOf(options.asOf);
  // The demo is regenerated on every run: it neither reads nor extends a history.
  const historyDir = demo ? undefined : how.historyDir;
  progress.phase('reading');
  const loaded = await load(paths, options, historyDir, asOf, deps, progress);
  const exceptions = options.exceptions ? await readExceptions(options.exceptions) : [];
  const inputs = options.exceptions
    ? await withFile(loaded.inputs, options.exceptions, 'exceptions')
    : loaded.inputs;
  progress.phase('scoring');
  try {
    const result = evaluateFleet({
      observations: loaded.observations,
      history: loaded.history,
      ...(asOf !== undefined && { asOf }),
      ...(how.group !== undefined && { group: how.group }),
      keepHistory: historyDir !== undefined,
      ...(options.org !== undefined && { organization: options.org }),
      feeds: loaded.feeds,
      inputs,
      warnings: loaded.warnings,
      exceptions,
      sla: options.sla ?? DEFAULT_SLA,
      ...(loaded.kevDueDates && { kevDueDates: loaded.kevDueDates }),
      // The document carries them (its "Defender says"), with null for what a vendor left out.
      vendorScores: (loaded.vendorScores ?? []).map((v) => ({
        vendor: v.vendor,
        kind: v.kind,
        score: v.score,
        scale: v.scale ?? null,
        time: v.time ?? null,
        group: v.group ?? null,
        source: v.source,
      })),
    });
    return { ...result, demo };
  } catch (e) {
    if (e instanceof EvaluationError) throw new UsageError(e.message);
    throw e;
  }
}

/** The inputs with one more file read (the exceptions file): listed, and part of the digest. */
async function withFile(inputs: InputsInfo, path: string, format: string): Promise<InputsInfo> {
  const files = [
    ...inputs.files,
    {
      path,
      format,
      sha256: await sha256File(path),
      timeSource: null,
      coverage: 'feed' as const,
      devices: 0,
      findings: 0,
    },
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.sha256 < b.sha256 ? -1 : 1));
  return { digest: inputsDigest(files), files };
}
