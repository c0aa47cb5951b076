/**
 * Defender's vocabulary mapped onto the model's: severity labels, exploit maturity, configuration
 * impact, device value, fixed versions and recommendation titles. Pure functions, shared by every
 * Defender importer so that the same value means the same thing in every shape.
 */
import {
  softwareTitle,
  type Cvss,
  type CvssVersion,
  type DeviceValue,
  type ExploitMaturity,
  type SeverityLabel,
} from '@exposure/score';
import { messages } from '../../messages.js';
import type { Locator } from './fields.js';

const SEVERITY: Record<string, SeverityLabel> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  none: 'none',
};

/** `Critical`/`High`/`Medium`/`Low` → a label; Defender's other values (`Unknown`) say nothing. */
export function severityLabel(raw: string | undefined): SeverityLabel | undefined {
  return raw === undefined ? undefined : SEVERITY[raw.toLowerCase()];
}

const EXPLOITABILITY: Record<string, ExploitMaturity> = {
  NoExploit: 'none',
  ExploitIsPublic: 'poc',
  ExploitIsVerified: 'weaponized',
  ExploitIsInKit: 'weaponized',
};

/** `exploitabilityLevel` of an assessment row; an unknown level is bad input. */
export function exploitFromLevel(
  raw: string | undefined,
  key: string,
  loc: Locator,
): ExploitMaturity | undefined {
  if (raw === undefined) return undefined;
  const e = EXPLOITABILITY[raw];
  if (e === undefined) {
    throw messages.invalid(
      loc.file,
      loc.at(key),
      `"${raw}" is not an exploitability level Defender uses (${Object.keys(EXPLOITABILITY).join(', ')})`,
    );
  }
  return e;
}

/** The catalogue's exploit flags: in a kit or verified → weaponized; public → proof of concept. */
export function exploitFromFlags(flags: {
  publicExploit?: boolean;
  exploitVerified?: boolean;
  exploitInKit?: boolean;
}): ExploitMaturity | undefined {
  if (flags.exploitInKit || flags.exploitVerified) return 'weaponized';
  if (flags.publicExploit) return 'poc';
  if (
    flags.publicExploit === false ||
    flags.exploitVerified === false ||
    flags.exploitInKit === false
  )
    return 'none';
  return undefined;
}

/**
 * A secure-configuration check has an impact 0–10 and no CVSS: read it on CVSS's qualitative
 * bands, so a configuration weakness weighs like a vulnerability of the same impact.
 */
export function impactLabel(impact: number | undefined): SeverityLabel | undefined {
  if (impact === undefined) return undefined;
  if (impact >= 9) return 'critical';
  if (impact >= 7) return 'high';
  if (impact >= 4) return 'medium';
  return impact > 0 ? 'low' : 'none';
}

const VALUE: Record<string, DeviceValue> = { low: 'low', normal: 'normal', high: 'high' };

export function deviceValue(
  raw: string | undefined,
  key: string,
  loc: Locator,
): DeviceValue | undefined {
  if (raw === undefined) return undefined;
  const v = VALUE[raw.toLowerCase()];
  if (v === undefined) {
    throw messages.invalid(
      loc.file,
      loc.at(key),
      `"${raw}" is not a device value (Low, Normal or High)`,
    );
  }
  return v;
}

/** `Windows10` + `10.0.17763.1637` → `Windows10 10.0.17763.1637`. */
export function osName(
  platform: string | undefined,
  version: string | undefined,
): string | undefined {
  if (platform === undefined) return version;
  return version === undefined || version === platform ? platform : `${platform} ${version}`;
}

const VERSION_LIKE = /^v?\d+(?:\.\d+)+(?:[-+.][0-9A-Za-z.-]+)?$/;
const KB = /^(?:KB\s*)?(\d{6,8})$/i;

/**
 * Defender names a fix by a KB number (`3185911`, `KB3185911`), an advisory (`ADV 200002`) or,
 * for third-party software, a version (`87.0.4280.141`). A dotted version is kept as it is; a KB
 * number becomes `KB3185911`, the update to install (a Windows CVE fixed by a KB has a fix, and
 * later KBs carry higher numbers, so the highest one is the update that fixes them all). An
 * advisory names no update, so it gives no fix.
 */
export function fixedVersionOf(candidate: string | undefined): string | undefined {
  if (candidate === undefined) return undefined;
  const c = candidate.trim();
  if (VERSION_LIKE.test(c)) return c;
  const kb = KB.exec(c);
  return kb ? `KB${kb[1]}` : undefined;
}

/** A score without a vector is taken as CVSS 3.1 (Defender shows NVD's v3 scores); a vector names its version. */
export function cvssOf(score: number | undefined, vector: string | undefined): Cvss | undefined {
  if (score === undefined && vector === undefined) return undefined;
  const declared = vector && /^CVSS:(3\.[01]|4\.0)\//.exec(vector)?.[1];
  const version: CvssVersion = declared === '3.0' || declared === '4.0' ? declared : '3.1';
  return {
    version,
    ...(score !== undefined && { score }),
    ...(vector !== undefined && { vector }),
  };
}

/** Defender's own recommendation id for a product: `va-_-<vendor>-_-<product>`. */
export function softwareRecommendationId(vendor: string, product: string): string {
  return `va-_-${vendor}-_-${product}`;
}

/**
 * A title for Defender's software recommendation when the recommendations file, which has the
 * real one, was not given: the software as its owner writes it ("Update Microsoft Edge"), as for
 * every other input.
 */
export function softwareRecommendationTitle(vendor: string | undefined, product: string): string {
  return softwareTitle(vendor ?? '', product);
}
