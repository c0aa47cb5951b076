import { scoreVector, severityLabel, type Cvss, type SeverityLabel } from '@exposure/score';
import type { Random } from './random.js';

/** A kind of flaw, with the CVSS v3.1 and v4.0 base metrics such flaws usually get. */
export interface Impact {
  name: string;
  v3: string;
  v4: string;
}

const I = (name: string, v3: string, v4: string): Impact => ({ name, v3, v4 });

export const IMPACTS = {
  rceNetwork: I(
    'remote code execution',
    'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    'AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
  ),
  rceUser: I(
    'remote code execution',
    'AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H',
    'AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
  ),
  rceFile: I(
    'remote code execution',
    'AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H',
    'AV:L/AC:L/AT:N/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
  ),
  eop: I(
    'elevation of privilege',
    'AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
    'AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
  ),
  infoNetwork: I(
    'information disclosure',
    'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
    'AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N',
  ),
  infoLocal: I(
    'information disclosure',
    'AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N',
    'AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N',
  ),
  dos: I(
    'denial of service',
    'AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
    'AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N',
  ),
  bypass: I(
    'security feature bypass',
    'AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:N',
    'AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N',
  ),
  spoofing: I(
    'spoofing',
    'AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
    'AV:N/AC:L/AT:N/PR:N/UI:A/VC:L/VI:L/VA:N/SC:L/SI:L/SA:N',
  ),
} as const;

/** Impacts for families whose titles name the impact, with how often each occurs. */
export const IMPACT_MIX: readonly (readonly [Impact, number])[] = [
  [IMPACTS.rceNetwork, 1],
  [IMPACTS.rceUser, 3],
  [IMPACTS.rceFile, 2],
  [IMPACTS.eop, 5],
  [IMPACTS.infoNetwork, 1.5],
  [IMPACTS.infoLocal, 1.5],
  [IMPACTS.dos, 2],
  [IMPACTS.bypass, 1.5],
  [IMPACTS.spoofing, 1],
];

/** Bug classes for families whose titles name the bug (browsers, parsers, kernels). */
export const BUG_MIX: readonly (readonly [string, number])[] = [
  ['use after free', 4],
  ['type confusion', 2],
  ['heap buffer overflow', 3],
  ['out-of-bounds read', 2],
  ['integer overflow', 1],
  ['inappropriate implementation', 1.5],
];

/** The metrics a bug of this class gets; `local` for kernels and system libraries. */
export function bugImpact(bug: string, local: boolean): Impact {
  if (bug === 'inappropriate implementation') return IMPACTS.spoofing;
  if (bug === 'out-of-bounds read') return local ? IMPACTS.infoLocal : IMPACTS.infoNetwork;
  return local ? IMPACTS.eop : IMPACTS.rceUser;
}

/** Harder-to-exploit variant of the metrics (attack complexity high / attack requirements present). */
function harden(impact: Impact): Impact {
  return {
    name: impact.name,
    v3: impact.v3.replace('AC:L', 'AC:H'),
    v4: impact.v4.replace('AT:N', 'AT:P'),
  };
}

/** Scores of the few distinct built-in vectors: the calculator is slow and they repeat a lot. */
const scores = new Map<string, number | undefined>();

function entry(version: '3.1' | '4.0', metrics: string, withScore: boolean): Cvss {
  const vector = `CVSS:${version}/${metrics}`;
  if (!scores.has(vector)) scores.set(vector, scoreVector(version, vector));
  const score = scores.get(vector);
  if (score === undefined) throw new Error(`invalid built-in CVSS vector ${vector}`);
  return withScore ? { version, score, vector } : { version, vector };
}

/**
 * How a weakness states its severity, mixed like real feeds: mostly a CVSS v3.1 vector with its
 * score, some a vector with no score, some CVSS 4.0 (alone or with 3.1), a few only a label.
 */
export function severityFor(
  rng: Random,
  base: Impact,
): { cvss?: Cvss[]; severity?: SeverityLabel } {
  const impact = rng.chance(0.25) ? harden(base) : base;
  const form = rng.weighted([
    ['v31', 70],
    ['v31-vector', 10],
    ['v40', 7],
    ['both', 8],
    ['label', 5],
  ] as const);
  const v31 = entry('3.1', impact.v3, form !== 'v31-vector');
  const v40 = entry('4.0', impact.v4, true);
  switch (form) {
    case 'v31':
      return { cvss: [v31], severity: severityLabel(v31.score! / 10) };
    case 'v31-vector':
      return { cvss: [v31] };
    case 'v40':
      return { cvss: [v40], severity: severityLabel(v40.score! / 10) };
    case 'both':
      return { cvss: [v31, v40], severity: severityLabel(v40.score! / 10) };
    case 'label':
      return { severity: severityLabel(v31.score! / 10) };
  }
}
