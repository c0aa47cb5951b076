/**
 * What the auditor's PDF shows beyond the site's partials: the cover's facts, the open weaknesses
 * by severity and by threat, and the advisory links of each weakness. Only values of the
 * published document and the assessment are shown; nothing is scored again.
 */
import type { SeverityLabel, PageWeakness } from '@exposure/score';
import type { SiteContext } from './context.js';
import { EPSS_NOTABLE } from '@exposure/score';

/** How much the PDF holds: a short executive report, or everything an audit asks for. */
export type PdfDetail = 'summary' | 'full';
export const PDF_DETAILS: readonly PdfDetail[] = ['summary', 'full'];

export interface CoverModel {
  organization: string;
  /** False when neither --org nor the inputs named one: the cover then says so. */
  named: boolean;
  facts: Array<{ label: string; value: string }>;
  classification: string | null;
}

export function coverModel(ctx: SiteContext, classification: string | null): CoverModel {
  const { msg, fmt } = ctx;
  const doc = ctx.input.document;
  const named = ctx.organizationNamed;
  const from = fmt.date(doc.period.from);
  const to = fmt.date(doc.period.to);
  const formats = [...new Set(doc.inputs.files.map((f) => f.format))].sort();
  const facts = [
    {
      label: msg.t('cover.scope'),
      value:
        doc.scope.group === null
          ? msg.t('cover.scopeAll', { count: doc.devices.total, n: fmt.number(doc.devices.total) })
          : msg.t('cover.scopeGroup', {
              group: doc.scope.group,
              count: doc.devices.total,
              n: fmt.number(doc.devices.total),
            }),
    },
    {
      label: msg.t('cover.groups'),
      value: msg.t('cover.groupsValue', {
        count: doc.groups.length,
        n: fmt.number(doc.groups.length),
        outOfScope: fmt.number(doc.devices.outOfScope),
      }),
    },
    {
      label: msg.t('cover.inputs'),
      value:
        doc.inputs.files.length === 0
          ? msg.t('cover.inputsNone')
          : msg.t('cover.inputsValue', {
              count: doc.inputs.files.length,
              n: fmt.number(doc.inputs.files.length),
              formats: formats.join(', '),
            }),
    },
    {
      label: msg.t('cover.period'),
      value: from === to ? msg.t('cover.periodOne', { date: to }) : `${from} – ${to}`,
    },
    // The data's own time, not the wall clock: the same inputs print the same report.
    {
      label: msg.t('cover.generated'),
      value: msg.t('cover.generatedValue', { time: fmt.dateTime(doc.asOf) }),
    },
    { label: msg.t('cover.model'), value: doc.model },
  ];
  return {
    organization: named ? ctx.organization : msg.t('cover.noOrganization'),
    named,
    facts,
    classification,
  };
}

export interface FindingsRow {
  label: string;
  /** A severity label for the colour chip; null on the total row. */
  severity: SeverityLabel | null;
  weaknesses: number;
  /** Open (device, weakness) pairs: a weakness open on 40 devices counts 40. */
  instances: number;
  kev: number;
  weaponized: number;
  poc: number;
  epssHigh: number;
  alerts: number;
}

const SEVERITIES: readonly SeverityLabel[] = ['critical', 'high', 'medium', 'low', 'none'];

/**
 * The open weaknesses by severity (rows) and threat (columns). The threat columns count
 * weaknesses; a weakness can be in several (KEV and weaponized), so they are not a partition.
 */
export function findingsBySeverity(ctx: SiteContext): { rows: FindingsRow[]; total: FindingsRow } {
  const { msg } = ctx;
  const empty = (label: string, severity: SeverityLabel | null): FindingsRow => ({
    label,
    severity,
    weaknesses: 0,
    instances: 0,
    kev: 0,
    weaponized: 0,
    poc: 0,
    epssHigh: 0,
    alerts: 0,
  });
  const bySeverity = new Map(SEVERITIES.map((s) => [s, empty(msg.t(`severity.${s}`), s)]));
  const total = empty(msg.t('findings.total'), null);
  for (const w of ctx.input.document.weaknesses) {
    for (const row of [bySeverity.get(w.severityLabel)!, total]) {
      row.weaknesses++;
      row.instances += w.devices;
      if (w.kev) row.kev++;
      if (w.exploit === 'weaponized') row.weaponized++;
      if (w.exploit === 'poc') row.poc++;
      if (w.epss !== null && w.epss >= EPSS_NOTABLE) row.epssHigh++;
      if (w.activeAlerts > 0) row.alerts++;
    }
  }
  // "None" only when a weakness has it: the others are shown even at zero, so an empty
  // critical row reads as "no critical weakness", not as a missing row.
  const rows = SEVERITIES.map((s) => bySeverity.get(s)!).filter(
    (r) => r.severity !== 'none' || r.weaknesses > 0,
  );
  return { rows, total };
}

export interface AdvisoryLink {
  href: string;
  text: string;
}

const CVE = /^CVE-\d{4}-\d{4,}$/;
const GHSA = /^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/;

/**
 * Where to read about a weakness: the public record of its id (NVD for a CVE, the GitHub
 * Advisory Database for a GHSA) and the references its inputs gave, http(s) only, deduplicated.
 * References are untrusted text: the template escapes them, and other schemes are dropped so
 * that a `javascript:` link can never be printed as one.
 */
export function advisoryLinks(w: PageWeakness): AdvisoryLink[] {
  const links: AdvisoryLink[] = [];
  const seen = new Set<string>();
  const add = (href: string) => {
    if (seen.has(href)) return;
    seen.add(href);
    links.push({ href, text: href.replace(/^https?:\/\//, '') });
  };
  if (CVE.test(w.id)) add(`https://nvd.nist.gov/vuln/detail/${w.id}`);
  else if (GHSA.test(w.id)) add(`https://github.com/advisories/${w.id}`);
  for (const ref of w.references) {
    let url: URL;
    try {
      url = new URL(ref);
    } catch {
      continue;
    }
    if (url.protocol === 'https:' || url.protocol === 'http:') add(url.href);
  }
  return links;
}
