/**
 * The package an advisory result was found in. SARIF has no field for it, so it is read from the
 * message text the scanners write, in their exact phrasing; anything else gives no software (the
 * finding is then on the device itself, one recommendation per weakness).
 *
 * - Trivy: lines `Package: libssl1.1`, `Installed Version: 1.1.1c-r0`, `Fixed Version: 1.1.1d-r0`
 *   (the fixed version may be empty or a comma-separated list).
 * - osv-scanner: `Package 'ansi-html@0.0.1' is vulnerable to 'CVE-2021-23424' …` (npm scopes keep
 *   their `@`: the version is after the last `@`).
 * - Grype: `A high vulnerability in deb package: libssl1.1, version 1.1.1n-0+deb11u3 was found at: …`
 *   or `The path /x reports libssl1.1 at version 1.1.1n  which is a vulnerable (deb) package installed in
 *   the container` (`which would result in …` for a directory; older releases write two spaces).
 */
import type { SoftwareInput } from '@exposure/score';
import { pickFixedVersion, splitVersions } from '../shared/versions.js';

export interface PackageFinding {
  software: SoftwareInput;
  fixedVersion?: string;
}

function trivy(text: string): PackageFinding | undefined {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Za-z][A-Za-z ]*?):[ \t]*(.*)$/.exec(line.trim());
    if (m && !fields.has(m[1]!.toLowerCase())) fields.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  const product = fields.get('package');
  const version = fields.get('installed version');
  if (!product || version === undefined) return undefined;
  const fixed = pickFixedVersion(splitVersions(fields.get('fixed version')), version || undefined);
  return {
    software: { product, ...(version && { version }) },
    ...(fixed && { fixedVersion: fixed }),
  };
}

function osvScanner(text: string): PackageFinding | undefined {
  const m = /^Package '(.+)@([^@']+)' is vulnerable to /.exec(text.trim());
  return m ? { software: { product: m[1]!, version: m[2]! } } : undefined;
}

/** Grype's result message; older releases pad the version with two spaces. */
export function grypeMessage(text: string | undefined): SoftwareInput | undefined {
  if (!text) return undefined;
  const found = /vulnerability in (\S+) package: (\S+), version (\S+)\s+was found/.exec(text);
  if (found) return { vendor: found[1]!, product: found[2]!, version: found[3]! };
  const reports =
    /reports (\S+) at version (\S+)\s+which (?:is|would result in) a vulnerable \((\S+)\) package/.exec(
      text,
    );
  return reports ? { vendor: reports[3]!, product: reports[1]!, version: reports[2]! } : undefined;
}

export function packageFromMessage(text: string | undefined): PackageFinding | undefined {
  if (!text) return undefined;
  const software = grypeMessage(text);
  return trivy(text) ?? osvScanner(text) ?? (software && { software });
}
