/**
 * SARIF 2.1.0 (CodeQL, Semgrep, Trivy, osv-scanner, govulncheck, Grype, dependency-check …).
 *
 * | SARIF                                                | Exposure                                                  |
 * | ---------------------------------------------------- | --------------------------------------------------------- |
 * | runs[].versionControlProvenance[].repositoryUri      | device id and name `host/owner/repo` (shared by runs on one repository) |
 * |   else runs[].properties.imageName (Trivy)           | device id and name (the image)                            |
 * |   else runs[].originalUriBaseIds (SRCROOT first; not `file:///`) | device id and name (the source folder)        |
 * |   else the file name                                 | device id and name                                        |
 * | runs[].invocations[].endTimeUtc ‖ startTimeUtc       | snapshot takenAt (latest; if not set yet), device lastSeen |
 * | result counted when: its rule (or the result) has properties.security-severity, or its rule id is an advisory id (CVE-, GHSA-, GO-, PYSEC-, RUSTSEC-, OSV-, DSA- …) | one finding; other results are skipped and counted |
 * | result kind pass / notApplicable / informational     | skipped                                                   |
 * | advisory rule id                                     | weakness id (its one CVE alias from rule tags / deprecatedIds when not a CVE), kind vulnerability |
 * | Grype rule id `CVE-…-<package>` (advisory prefix), help `Package:`/`Version:`/`Fix Version:`/`Type:` | weakness id = the advisory; software, version, fixedVersion (see package-advisories.ts) |
 * | Snyk rule fullDescription `(CVE-…) pkg@version`, result fixes[] `Upgrade to pkg@v` | weakness id = the one CVE named; software; fixedVersion when the upgrade is of that package |
 * | other rule id                                        | weakness id = rule id, kind vulnerability (Trivy rule name "Misconfiguration" → configuration); no software |
 * | rules[].shortDescription / fullDescription ‖ help / helpUri | title / description / references                   |
 * | rules[].properties.tags `CWE-79`, `external/cwe/cwe-079` | references (cwe.mitre.org)                            |
 * | properties.cvssv3_vector/_baseScore/_version, cvssv2_vector/_score on rule (Trivy) or result (dependency-check) | cvss entries |
 * | security-severity number, advisory                   | cvss {version 3.1, score} (when no explicit CVSS) + label by CVSS bands |
 * | security-severity number, code finding               | label by CVSS bands only (a CWE-based rating, not CVSS)   |
 * | security-severity word (Semgrep "MEDIUM")            | label                                                     |
 * | none: properties.severity word, else level error/warning/note/none | label high/medium/low/none              |
 * | result message (Trivy / osv-scanner / Grype phrasing) | software product, version (vendor from Grype's package type); fixedVersion (Trivy "Fixed Version") |
 * | result.suppressions[] with status accepted (or no status) | status exception                                      |
 * | result.baselineState "absent"                        | status fixed                                              |
 * | otherwise                                            | status open                                               |
 *
 * SARIF carries no threat evidence (KEV, exploit, EPSS): the feeds add it.
 */
import type { FindingInput, FindingStatus, WeaknessInput } from '@exposure/score';
import type { ImportContext, Importer } from '../../importer.js';
import { JsonFields, type JsonObject, type JsonPath } from '../shared/json.js';
import { isAdvisoryId, preferredWeaknessId } from '../shared/advisory-ids.js';
import { runDevice } from './device.js';
import {
  RuleIndex,
  cvssFromProperties,
  readLevel,
  readSecuritySeverity,
  severityOf,
  type Rule,
} from './rules.js';
import { grypeAdvisory, snykAdvisory } from './package-advisories.js';
import { packageFromMessage } from './software.js';
import { severityLabel } from '../shared/fields.js';

export interface SarifSummary {
  runs: number;
  /** Every result in the log. */
  results: number;
  /** Results that became findings. */
  imported: number;
  /** Results without a security severity or advisory id (code quality), or that report no problem. */
  skipped: number;
  devices: string[];
}

const NOT_A_PROBLEM = new Set(['pass', 'notApplicable', 'informational']);

export async function importSarif(ctx: ImportContext): Promise<SarifSummary> {
  // Typed explicitly so that f.fail (never) narrows.
  const f: JsonFields = new JsonFields(ctx.file.displayPath);
  const log = f.object(await ctx.readJson(), []);
  const version = f.str(log, 'version', []);
  if (version !== '2.1.0') f.fail(['version'], `is SARIF "${version}"; Exposure reads SARIF 2.1.0`);
  if (!Array.isArray(log.runs)) f.fail(['runs'], 'is missing: a SARIF log needs a runs array');

  const summary: SarifSummary = { runs: 0, results: 0, imported: 0, skipped: 0, devices: [] };
  let latest: string | undefined;
  for (const { item: run, path } of f.objects(log, 'runs', [])) {
    summary.runs++;
    const time = runTime(f, run, path);
    if (time && (!latest || time > latest)) latest = time;
    const device = runDevice(f, run, path, ctx.file.displayPath);
    ctx.builder.addDevice(device);
    // Runs on one repository share the device: it was last seen by the latest of them.
    const seen = ctx.builder.device(device.id)?.lastSeen;
    if (time && (!seen || Date.parse(seen) < Date.parse(time)))
      ctx.builder.updateDevice(device.id, { lastSeen: time });
    if (!summary.devices.includes(device.id)) summary.devices.push(device.id);

    const tool = f.optObject(run, 'tool', path);
    if (!tool) f.fail(path, 'is missing the required field "tool"');
    const rules = new RuleIndex(f, tool, [...path, 'tool']);
    const writer = writerOf(f, tool, [...path, 'tool']);
    for (const { item: result, path: p } of f.objects(run, 'results', path)) {
      summary.results++;
      const weaknessAndFinding = readResult(f, result, p, rules, writer);
      if (!weaknessAndFinding) {
        summary.skipped++;
        continue;
      }
      const { weakness, finding } = weaknessAndFinding;
      ctx.builder.addWeakness(weakness);
      ctx.builder.addFinding({ device: device.id, weakness: weakness.id, ...finding });
      summary.imported++;
    }
  }
  if (latest) ctx.builder.takenAt ??= latest;
  return summary;
}

/** The run's time: the latest end (or start) of its invocations. */
function runTime(f: JsonFields, run: JsonObject, path: JsonPath): string | undefined {
  let latest: string | undefined;
  for (const { item: inv, path: p } of f.objects(run, 'invocations', path)) {
    const t = f.optTime(inv, 'endTimeUtc', p) ?? f.optTime(inv, 'startTimeUtc', p);
    if (t && (!latest || t > latest)) latest = t;
  }
  return latest;
}

interface Imported {
  weakness: WeaknessInput;
  finding: Pick<FindingInput, 'software' | 'fixedVersion' | 'status'>;
}

/** Writers whose results name their package in their own way (see package-advisories.ts). */
type Writer = 'grype' | 'snyk' | 'other';

function writerOf(f: JsonFields, tool: JsonObject, path: JsonPath): Writer {
  const driver = f.optObject(tool, 'driver', path);
  const name = (driver && f.optStr(driver, 'name', [...path, 'driver'])) ?? '';
  if (/grype|anchore/i.test(name)) return 'grype';
  return /^snyk open source|^snyk container/i.test(name) ? 'snyk' : 'other';
}

function readResult(
  f: JsonFields,
  result: JsonObject,
  path: JsonPath,
  rules: RuleIndex,
  writer: Writer,
): Imported | undefined {
  // Read (and so check) the fields every result has before deciding whether it counts.
  const kind = f.optStr(result, 'kind', path);
  const message = f.optObject(result, 'message', path);
  const messageText = message && f.optStr(message, 'text', [...path, 'message']);
  const rule = rules.find(f, result, path);
  const level = readLevel(f, result, path) ?? rule?.level ?? 'warning';
  if (kind !== undefined && NOT_A_PROBLEM.has(kind)) return undefined;
  const ruleId = f.optStr(result, 'ruleId', path) ?? rule?.id;
  if (ruleId === undefined) return undefined;
  const props = f.optObject(result, 'properties', path) ?? {};
  let security = readSecuritySeverity(f, props, [...path, 'properties']) ?? rule?.security;
  const wholeId = [ruleId, rule?.id].find(
    (id): id is string => id !== undefined && isAdvisoryId(id),
  );
  const pkg = wholeId
    ? writer === 'snyk' || /^SNYK-/i.test(wholeId)
      ? snykAdvisory(f, result, path, wholeId, rule)
      : undefined
    : grypeAdvisory(ruleId, rule, messageText, writer === 'grype');
  const advisoryId = pkg?.advisory ?? wholeId;
  if (!security && !advisoryId) return undefined;
  // Grype writes "0.0" when it knows no severity at all: unknown, not a CVSS score of 0.
  if (pkg && writer === 'grype' && security && 'score' in security && security.score === 0)
    security = { unrated: true };

  const wordInResult = typeof props.severity === 'string' ? props.severity : undefined;
  const { cvss, severity } = severityOf({
    advisory: advisoryId !== undefined,
    ...(security && { security }),
    cvss: [...cvssFromProperties(props), ...(rule?.cvss ?? [])],
    label: severityLabel(wordInResult) ?? rule?.label,
    level,
  });
  const id = advisoryId
    ? preferredWeaknessId(advisoryId, [
        ...(rule?.tags ?? []),
        ...(rule?.aliases ?? []),
        ...(pkg?.aliases ?? []),
      ])
    : ruleId;
  const references = referencesOf(rule);
  const weakness: WeaknessInput = {
    id,
    kind: !advisoryId && rule?.name === 'Misconfiguration' ? 'configuration' : 'vulnerability',
    ...((rule?.title ?? firstLine(messageText)) && {
      title: rule?.title ?? firstLine(messageText),
    }),
    ...(rule?.description && { description: rule.description }),
    ...(severity && { severity }),
    ...(cvss.length > 0 && { cvss }),
    ...(references.length > 0 && { references }),
  };
  const found = pkg?.software ? pkg : advisoryId ? packageFromMessage(messageText) : undefined;
  return {
    weakness,
    finding: {
      status: statusOf(f, result, path),
      ...(found?.software && { software: found.software }),
      ...(found?.fixedVersion && { fixedVersion: found.fixedVersion }),
    },
  };
}

function firstLine(text: string | undefined): string | undefined {
  const line = text?.trim().split(/\r?\n/)[0]?.trim();
  return line ? (line.length > 200 ? `${line.slice(0, 199)}…` : line) : undefined;
}

function referencesOf(rule: Rule | undefined): string[] {
  if (!rule) return [];
  const refs = rule.helpUri ? [rule.helpUri] : [];
  for (const tag of rule.tags) {
    const cwe = /(?:^|\/)cwe[-/:]?0*(\d+)\b/i.exec(tag);
    if (cwe) refs.push(`https://cwe.mitre.org/data/definitions/${cwe[1]}.html`);
  }
  return [...new Set(refs)];
}

function statusOf(f: JsonFields, result: JsonObject, path: JsonPath): FindingStatus {
  if (f.optStr(result, 'baselineState', path) === 'absent') return 'fixed';
  const suppressed = f.objects(result, 'suppressions', path).some(({ item: s, path: p }) => {
    const status = f.optStr(s, 'status', p);
    return status === undefined || status === 'accepted';
  });
  return suppressed ? 'exception' : 'open';
}

export const sarifImporter: Importer = {
  format: 'sarif',
  label:
    'SARIF 2.1.0 log with security results (CodeQL, Semgrep, Trivy, osv-scanner, govulncheck …)',
  detect: (head) =>
    (/"version"\s*:\s*"2\.1\.0"/.test(head) && /"runs"\s*:/.test(head)) ||
    /"\$schema"\s*:\s*"[^"]*sarif[^"]*"/i.test(head),
  async import(ctx) {
    await importSarif(ctx);
  },
};
