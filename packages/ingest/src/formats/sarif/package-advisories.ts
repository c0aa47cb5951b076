/**
 * Package advisories that SARIF writers name in their own way, read back into a CVE (or other
 * advisory) found in one package at one version, with its fix:
 *
 * | writer | rule id | where the package is | fix |
 * | ------ | ------- | -------------------- | --- |
 * | Grype  | `CVE-2008-0732-<package>` (older: `ANCHOREVULN_…_CVE-…_<type>_<package>_<version>`) | rule `help.text` lines `Package:`, `Version:`, `Type:` (else the `help.markdown` table, else the result message) | `Fix Version:` (comma-separated) |
 * | Snyk Open Source | `SNYK-JS-SOCKETIO-7278048` | rule `fullDescription` `(CVE-2024-38355) socket.io@4.6.1`, else the result's logical location `socket.io@4.6.1` | result `fixes[].description` `Upgrade to socket.io@4.8.0`, when it upgrades that same package |
 *
 * The CVE a Snyk rule names (exactly one) becomes the weakness id, so KEV and EPSS match it.
 * Grype writes columns padded with two spaces in older releases; every field is trimmed.
 */
import type { SoftwareInput } from '@exposure/score';
import type { JsonFields, JsonObject, JsonPath } from '../shared/json.js';
import { advisoryPrefix, cveIdsIn, isAdvisoryId } from '../shared/advisory-ids.js';
import { pickFixedVersion, splitVersions } from '../shared/versions.js';
import type { Rule } from './rules.js';
import { grypeMessage } from './software.js';

export interface PackageAdvisory {
  /** The advisory the result is about (the weakness id before alias preference). */
  advisory: string;
  /** CVE ids the rule text names for it. */
  aliases: string[];
  software?: SoftwareInput;
  fixedVersion?: string;
}

/** `Key: value` lines of a help text, keys lower case, first occurrence kept. */
function fieldLines(text: string | undefined): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text?.split(/\r?\n/) ?? []) {
    const m = /^\s*([A-Za-z][A-Za-z ]*?)\s*:[ \t]*(.*)$/.exec(line);
    if (m && !fields.has(m[1]!.toLowerCase())) fields.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  const title = /^\s*\**\s*Vulnerability\s+(\S+?)\**\s*$/m.exec(text ?? '');
  if (title && !fields.has('vulnerability')) fields.set('vulnerability', title[1]!);
  return fields;
}

/** The one-row Markdown table Grype writes in `help.markdown` (`| Severity | Package | … |`). */
function markdownTable(md: string | undefined): Map<string, string> {
  const fields = new Map<string, string>();
  const rows = (md ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('|') && !/^\|[\s|:-]+\|$/.test(l));
  const cells = (row: string) =>
    row
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
  if (rows.length < 2) return fields;
  const header = cells(rows[0]!);
  const values = cells(rows[1]!);
  header.forEach((h, i) => fields.set(h.toLowerCase(), values[i] ?? ''));
  const title = /\*\*Vulnerability\s+(\S+?)\*\*/.exec(md ?? '');
  if (title) fields.set('vulnerability', title[1]!);
  return fields;
}

/**
 * A Grype rule: its rule id starts with an advisory id and goes on (`CVE-…-<package>`), or its
 * help names the advisory (`Vulnerability CVE-…`) that the rule id contains. `grype` says the
 * run's driver is Grype, which lets a rule id alone decide.
 */
export function grypeAdvisory(
  ruleId: string,
  rule: Rule | undefined,
  message: string | undefined,
  grype: boolean,
): PackageAdvisory | undefined {
  const text = fieldLines(rule?.helpText);
  const table = markdownTable(rule?.helpMarkdown);
  const field = (key: string) => {
    const v = text.get(key) ?? table.get(key);
    return v === undefined || v === '' ? undefined : v;
  };
  const named = field('vulnerability');
  const prefix = advisoryPrefix(ruleId);
  let advisory: string | undefined;
  if (named && isAdvisoryId(named) && ruleId.toUpperCase().includes(named.toUpperCase()))
    advisory = named;
  else if (prefix && (grype || field('package') !== undefined)) advisory = prefix.advisory;
  if (!advisory) return undefined;

  const product = field('package');
  const version = field('version');
  const software: SoftwareInput | undefined = product
    ? {
        product,
        ...(field('type') && { vendor: field('type')! }),
        ...(version && { version }),
      }
    : (grypeMessage(message) ??
      (prefix && prefix.advisory === advisory ? { product: prefix.rest } : undefined));
  const fixedVersion = pickFixedVersion(splitVersions(field('fix version')), software?.version);
  return {
    advisory: advisory.toUpperCase().startsWith('CVE-') ? advisory.toUpperCase() : advisory,
    aliases: [],
    ...(software && { software }),
    ...(fixedVersion && { fixedVersion }),
  };
}

/** `name@version`, the version after the last `@` (npm scopes keep theirs). */
function nameAtVersion(text: string | undefined): SoftwareInput | undefined {
  const m = /^(.+)@([^@\s]+)$/.exec(text?.trim() ?? '');
  return m && m[1]!.trim() !== '' ? { product: m[1]!.trim(), version: m[2]! } : undefined;
}

/** The package manager Snyk lists among a rule's tags (`["security", "CWE-400", "npm"]`). */
function packageManager(rule: Rule): string | undefined {
  const fromHelp = /Package Manager:\s*(\S+)/.exec(rule.helpMarkdown ?? '')?.[1];
  return (
    fromHelp ??
    rule.tags.find((t) => !/^security$/i.test(t) && !/cwe/i.test(t) && /^[a-z][\w.-]*$/.test(t))
  );
}

/** `Upgrade to socket.io@4.8.0` in a result's `fixes[]`. */
function upgrades(f: JsonFields, result: JsonObject, path: JsonPath): SoftwareInput[] {
  const out: SoftwareInput[] = [];
  for (const { item: fix, path: p } of f.objects(result, 'fixes', path)) {
    const description = f.optObject(fix, 'description', p);
    const text = description && f.optStr(description, 'text', [...p, 'description']);
    const target = /^\s*Upgrade to\s+(\S+)\s*$/i.exec(text ?? '')?.[1];
    const pkg = nameAtVersion(target);
    if (pkg) out.push(pkg);
  }
  return out;
}

/** The package of a Snyk result from its logical location (`socket.io@4.6.1`). */
function locatedPackage(
  f: JsonFields,
  result: JsonObject,
  path: JsonPath,
): SoftwareInput | undefined {
  for (const { item: loc, path: p } of f.objects(result, 'locations', path))
    for (const { item: logical, path: q } of f.objects(loc, 'logicalLocations', p)) {
      const pkg = nameAtVersion(f.optStr(logical, 'fullyQualifiedName', q));
      if (pkg) return pkg;
    }
  return undefined;
}

/**
 * A Snyk Open Source result: the CVEs its rule names, its package, and the fixed version when its
 * fix upgrades that package. An upgrade of another package (the direct dependency that pulls the
 * vulnerable one in) says nothing about which version of this package is fixed, so it gives none.
 */
export function snykAdvisory(
  f: JsonFields,
  result: JsonObject,
  path: JsonPath,
  advisory: string,
  rule: Rule | undefined,
): PackageAdvisory {
  const described = /^\s*(?:\(([^)]*)\)\s*)?(\S+@\S+)\s*$/.exec(rule?.description ?? '');
  const aliases = cveIdsIn(described?.[1] ?? rule?.title);
  const pkg = nameAtVersion(described?.[2]) ?? locatedPackage(f, result, path);
  const vendor = rule && packageManager(rule);
  const software = pkg && { ...pkg, ...(vendor && { vendor }) };
  const fixed = pkg
    ? upgrades(f, result, path)
        .filter((u) => u.product === pkg.product)
        .map((u) => u.version!)
    : [];
  const fixedVersion = pickFixedVersion(fixed, pkg?.version);
  return {
    advisory,
    aliases,
    ...(software && { software }),
    ...(fixedVersion && { fixedVersion }),
  };
}
