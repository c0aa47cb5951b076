/**
 * SARIF rules (reportingDescriptors) of a run — the driver's and its extensions' — found from a
 * result by `rule.toolComponent` + `rule.index`, `ruleIndex` or `ruleId`; and the severity of a
 * weakness from `security-severity`, explicit CVSS properties, a severity word, or the level.
 */
import { severityLabel as bandOf, type Cvss, type SeverityLabel } from '@exposure/score';
import type { JsonFields, JsonObject, JsonPath } from '../shared/json.js';
import { cvssEntry, severityLabel } from '../shared/fields.js';

export type Level = 'none' | 'note' | 'warning' | 'error';
const LEVELS: ReadonlySet<string> = new Set(['none', 'note', 'warning', 'error']);

/** GitHub's `security-severity`: a CVSS-like 0–10 number (a string in most tools), or a word (Semgrep). */
export type SecuritySeverity = { score: number } | { label: SeverityLabel } | { unrated: true };

export interface Rule {
  id: string;
  name?: string;
  title?: string;
  description?: string;
  /** `help.text` and `help.markdown` as written: Grype and Snyk put the package there. */
  helpText?: string;
  helpMarkdown?: string;
  helpUri?: string;
  tags: string[];
  /** Other ids of the same advisory (osv-scanner `deprecatedIds`). */
  aliases: string[];
  security?: SecuritySeverity;
  /** CVSS the tool states besides security-severity (Trivy `cvssv3_vector`, `cvssv3_baseScore` …). */
  cvss: Cvss[];
  /** A severity word in properties (`severity`). */
  label?: SeverityLabel;
  level?: Level;
}

export function readLevel(f: JsonFields, o: JsonObject, path: JsonPath): Level | undefined {
  const level = f.optStr(o, 'level', path);
  if (level !== undefined && !LEVELS.has(level))
    f.fail([...path, 'level'], `"${level}" is not a SARIF level (none, note, warning, error)`);
  return level as Level | undefined;
}

/** Reads `properties["security-severity"]`: absent → undefined; a bad value is an InputError. */
export function readSecuritySeverity(
  f: JsonFields,
  props: JsonObject,
  path: JsonPath,
): SecuritySeverity | undefined {
  const raw = props['security-severity'];
  if (raw === undefined || raw === null) return undefined;
  const p = [...path, 'security-severity'];
  const text =
    typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
  if (text === undefined)
    return f.fail(p, 'should be a number from 0 to 10 (or a string holding one)');
  // Snyk writes String(cvssScore) for every rule, "undefined" for license issues: no severity at
  // all, so such a rule counts only when its id is an advisory.
  if (/^(undefined|null|nan)$/i.test(text)) return undefined;
  if (text === '' || /^unknown$/i.test(text)) return { unrated: true };
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) {
    const score = Number(text);
    if (score < 0 || score > 10) f.fail(p, `should be from 0 to 10, found ${text}`);
    return { score };
  }
  const label = severityLabel(text);
  if (!label) f.fail(p, `"${text}" is neither a number from 0 to 10 nor a severity word`);
  return { label };
}

function text(f: JsonFields, o: JsonObject, key: string, path: JsonPath): string | undefined {
  const m = f.optObject(o, key, path);
  const t = m && (f.optStr(m, 'text', [...path, key]) ?? f.optStr(m, 'markdown', [...path, key]));
  return t?.trim() || undefined;
}

function part(
  f: JsonFields,
  o: JsonObject,
  key: string,
  which: 'text' | 'markdown',
  path: JsonPath,
): string | undefined {
  const m = f.optObject(o, key, path);
  return (m && f.optStr(m, which, [...path, key])?.trim()) || undefined;
}

/**
 * CVSS that tools state in property bags: Trivy on rules (`cvssv3_vector`, `cvssv3_baseScore`,
 * `cvssv2_vector`, `cvssv2_score`), dependency-check on results (the same scores plus
 * `cvssv3_version`). Unusable values are ignored: these bags have no schema.
 */
export function cvssFromProperties(props: JsonObject): Cvss[] {
  const num = (key: string) => {
    const v = props[key];
    const n =
      typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    return Number.isFinite(n) ? n : undefined;
  };
  const str = (key: string) =>
    typeof props[key] === 'string' ? (props[key] as string) : undefined;
  return [
    cvssEntry(str('cvssv3_vector'), num('cvssv3_baseScore'), str('cvssv3_version'), '3.1'),
    cvssEntry(str('cvssv2_vector'), num('cvssv2_score'), str('cvssv2_version'), '2.0'),
  ].filter((c): c is Cvss => c !== undefined);
}

function readRule(f: JsonFields, r: JsonObject, path: JsonPath): Rule {
  const props = f.optObject(r, 'properties', path) ?? {};
  const pp = [...path, 'properties'];
  const security = readSecuritySeverity(f, props, pp);
  const cvss = cvssFromProperties(props);
  const defaults = f.optObject(r, 'defaultConfiguration', path);
  const level = defaults && readLevel(f, defaults, [...path, 'defaultConfiguration']);
  const name = f.optStr(r, 'name', path);
  const title = text(f, r, 'shortDescription', path);
  const description = text(f, r, 'fullDescription', path) ?? text(f, r, 'help', path);
  const helpUri = f.optStr(r, 'helpUri', path);
  const helpText = part(f, r, 'help', 'text', path);
  const helpMarkdown = part(f, r, 'help', 'markdown', path);
  const label = severityLabel(typeof props.severity === 'string' ? props.severity : undefined);
  return {
    id: f.str(r, 'id', path),
    tags: f.strings(props, 'tags', pp),
    aliases: f.strings(r, 'deprecatedIds', path),
    cvss,
    ...(name && { name }),
    ...(title && { title }),
    ...(description && { description }),
    ...(helpText && { helpText }),
    ...(helpMarkdown && { helpMarkdown }),
    ...(helpUri && { helpUri }),
    ...(security && { security }),
    ...(label && { label }),
    ...(level && { level }),
  };
}

/** Every rule of one run, by id and by (tool component, index). */
export class RuleIndex {
  private readonly byId = new Map<string, Rule>();
  /** Index 0 is the driver; extension i is at i + 1. */
  private readonly components: Rule[][] = [];

  constructor(f: JsonFields, tool: JsonObject, toolPath: JsonPath) {
    const driver = f.optObject(tool, 'driver', toolPath);
    if (!driver) f.fail(toolPath, 'is missing the required field "driver"');
    const parts = [
      { item: driver, path: [...toolPath, 'driver'] },
      ...f.objects(tool, 'extensions', toolPath),
    ];
    for (const { item, path } of parts) {
      const rules = f.objects(item, 'rules', path).map((r) => readRule(f, r.item, r.path));
      this.components.push(rules);
      for (const rule of rules) if (!this.byId.has(rule.id)) this.byId.set(rule.id, rule);
    }
  }

  /** The rule a result names, or undefined (a result may name a rule the log does not describe). */
  find(f: JsonFields, result: JsonObject, path: JsonPath): Rule | undefined {
    const ref = f.optObject(result, 'rule', path);
    const refPath = [...path, 'rule'];
    const toolComponent = ref && f.optObject(ref, 'toolComponent', refPath);
    const componentIndex = toolComponent
      ? f.optNum(toolComponent, 'index', [...refPath, 'toolComponent'])
      : undefined;
    const index = (ref && f.optNum(ref, 'index', refPath)) ?? f.optNum(result, 'ruleIndex', path);
    const rules = this.components[componentIndex === undefined ? 0 : componentIndex + 1];
    const byIndex = index !== undefined && index >= 0 ? rules?.[index] : undefined;
    if (byIndex) return byIndex;
    const id = f.optStr(result, 'ruleId', path) ?? (ref && f.optStr(ref, 'id', refPath));
    if (id === undefined) return undefined;
    // A hierarchical id ("parent/child") may be described only by its parent rule.
    return this.byId.get(id) ?? (id.includes('/') ? this.byId.get(id.split('/')[0]!) : undefined);
  }
}

/** SARIF level as a last resort for a severity; GitHub's convention for alerts without one. */
const LEVEL_LABEL: Record<Level, SeverityLabel> = {
  error: 'high',
  warning: 'medium',
  note: 'low',
  none: 'none',
};

/**
 * The severity of a weakness. A numeric security-severity becomes a CVSS 3.1 base score only for
 * advisories (scanners copy the advisory's CVSS base score there); for code findings it is a
 * CWE-derived rating, so it only sets the label by the CVSS bands. Explicit CVSS properties win.
 */
export function severityOf(input: {
  advisory: boolean;
  security?: SecuritySeverity;
  cvss: Cvss[];
  label?: SeverityLabel;
  level: Level;
}): { cvss: Cvss[]; severity?: SeverityLabel } {
  const { security } = input;
  if (security && 'score' in security) {
    const cvss =
      input.cvss.length > 0 || !input.advisory
        ? input.cvss
        : [{ version: '3.1' as const, score: security.score }];
    return { cvss, severity: bandOf(security.score / 10) };
  }
  if (security && 'label' in security) return { cvss: input.cvss, severity: security.label };
  return {
    cvss: input.cvss,
    severity: input.label ?? (input.cvss.length > 0 ? undefined : LEVEL_LABEL[input.level]),
  };
}
