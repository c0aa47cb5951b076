/**
 * The site's CSV downloads beside exposure.json: devices.csv, recommendations.csv and
 * findings.csv (one row per open finding). RFC 4180: comma-separated, CRLF line ends, a field
 * quoted when it holds a comma, a quote or a line break, quotes doubled; UTF-8 with a BOM so
 * spreadsheet programs read names in any script. Numbers are written with a dot and no
 * grouping, whatever the report's language, so the files read the same everywhere.
 *
 * Text from the inputs (names, titles, owners) is untrusted: a cell a spreadsheet would run as a
 * formula (starting with =, +, -, @, a tab or a carriage return) is written with a leading
 * apostrophe, as OWASP recommends against CSV injection. Numeric columns are never altered.
 */
import type { PageDevice, PageFinding, PageRecommendation } from '@exposure/score';
import type { SiteContext } from './context.js';

export const CSV_FILES = {
  devices: 'devices.csv',
  recommendations: 'recommendations.csv',
  findings: 'findings.csv',
} as const;

const BOM = '\uFEFF';
const EOL = '\r\n';

/** A text cell: guarded against formulas, quoted when it must be. */
export function csvText(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  // Most cells need neither guard nor quotes: one test finds out (a million rows, five cells).
  if (!NEEDS_CARE.test(value)) return value;
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** A formula's first character, or a character that needs quotes (the two tests below). */
const NEEDS_CARE = /^[=+\-@\t\r]|[",\r\n]/;

/** A number cell: plain, dot decimal; empty for none. */
export function csvNumber(value: number | null | undefined, digits?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return digits === undefined ? String(value) : String(Number(value.toFixed(digits)));
}

function line(cells: readonly string[]): string {
  return cells.join(',') + EOL;
}

const DEVICE_HEADER = [
  'id',
  'name',
  'group',
  'os',
  'value',
  'owner',
  'tags',
  'last_seen',
  'exposure',
  'display',
  'level',
  'open_weaknesses',
];

function deviceLine(d: PageDevice): string {
  return line([
    csvText(d.id),
    csvText(d.name),
    csvText(d.group),
    csvText(d.os),
    d.value,
    csvText(d.owner),
    csvText(d.tags.join(';')),
    csvText(d.lastSeen),
    csvNumber(d.score, 2),
    csvNumber(d.display),
    d.level,
    csvNumber(d.openWeaknesses),
  ]);
}

/** Every device in scope, most exposed first (the site's order). */
export function devicesCsv(ctx: SiteContext): string {
  let out = BOM + line(DEVICE_HEADER);
  for (const d of ctx.devicesByExposure) out += deviceLine(d);
  return out;
}

const RECOMMENDATION_HEADER = [
  'rank',
  'id',
  'title',
  'kind',
  'vendor',
  'product',
  'target_version',
  'targets',
  'exposure_impact',
  'exposed_devices',
  'open_findings',
  'weaknesses',
  'severity',
  'severity_label',
  'kev',
  'weaponized',
  'poc',
  'max_epss',
  'active_alerts',
];

/** "RHEL 9: 5.14.0-570 (2); Ubuntu 24.04: 6.8.0-60 (1)": the fix per platform, in one cell. */
function targetsCell(r: PageRecommendation): string {
  return r.targets.map((t) => `${t.os ?? '-'}: ${t.version ?? '-'} (${t.devices})`).join('; ');
}

function recommendationLine(r: PageRecommendation, rank: number): string {
  return line([
    String(rank),
    csvText(r.id),
    csvText(r.title),
    r.kind,
    csvText(r.software?.vendor),
    csvText(r.software?.product),
    csvText(r.targetVersion),
    csvText(targetsCell(r)),
    csvNumber(r.exposureImpact, 2),
    csvNumber(r.exposedDevices),
    csvNumber(r.openFindings),
    csvNumber(r.weaknesses.length),
    csvNumber(r.severity.score, 1),
    r.severity.label,
    csvNumber(r.threats.kev),
    csvNumber(r.threats.weaponized),
    csvNumber(r.threats.poc),
    csvNumber(r.threats.maxEpss),
    csvNumber(r.threats.activeAlerts),
  ]);
}

/** Every recommendation, largest exposure impact first (the site's order and ranks). */
export function recommendationsCsv(ctx: SiteContext): string {
  let out = BOM + line(RECOMMENDATION_HEADER);
  ctx.recommendationsByImpact.forEach((r, i) => (out += recommendationLine(r, i + 1)));
  return out;
}

const FINDING_HEADER = [
  'device_id',
  'device',
  'weakness',
  'title',
  'vendor',
  'product',
  'version',
  'fixed_version',
  'severity',
  'severity_label',
  'kev',
  'exploit',
  'epss',
  'active_alert',
  'risk',
  'recommendation',
  'first_seen',
];

/** Devices per part of findings.csv: a part of 50-finding devices is a few megabytes. */
export const FINDINGS_CSV_DEVICES = 500;

/**
 * findings.csv, built while the device pages are rendered (each device's findings are asked for
 * once, for its page) and handed out in parts (`take`), so a million findings are never one
 * string: the weakness cells, the same on thousands of rows, are made once.
 */
export class FindingsCsv {
  /**
   * Flat strings, a device's rows each: rows appended to one string stay a tree of millions of
   * small pieces until the part is written, and the garbage collector copied that tree again and
   * again (a third of a 20,000-device site's time).
   */
  private part: string[] = [BOM + line(FINDING_HEADER)];
  private readonly weaknessCells = new Map<string, { head: string; threat: string }>();
  /** Risks take few distinct values (severity × likelihood): each is formatted once. */
  private readonly riskCells = new Map<number, string>();
  rows = 0;

  constructor(private readonly ctx: SiteContext) {}
  private cells(id: string): { head: string; threat: string } {
    let cells = this.weaknessCells.get(id);
    if (cells === undefined) {
      const w = this.ctx.weaknesses.get(id);
      cells = {
        head: `${csvText(id)},${csvText(w?.title)}`,
        threat: [
          csvNumber(w ? w.severity : null, 1),
          w?.severityLabel ?? '',
          w ? String(w.kev) : '',
          w?.exploit ?? '',
          csvNumber(w?.epss),
        ].join(','),
      };
      this.weaknessCells.set(id, cells);
    }
    return cells;
  }

  add(device: PageDevice, findings: readonly PageFinding[]): void {
    if (findings.length === 0) return;
    const deviceCells = `${csvText(device.id)},${csvText(device.name)},`;
    const out = new Array<string>(findings.length);
    let at = 0;
    // One concatenation per row: arrays joined per row were a million short-lived arrays.
    for (const f of findings) {
      const w = this.cells(f.weakness);
      const sw = f.software;
      let risk = this.riskCells.get(f.risk);
      if (risk === undefined) this.riskCells.set(f.risk, (risk = csvNumber(f.risk, 4)));
      out[at++] =
        deviceCells +
        w.head +
        ',' +
        csvText(sw?.vendor) +
        ',' +
        csvText(sw?.product) +
        ',' +
        csvText(sw?.version) +
        ',' +
        csvText(f.fixedVersion) +
        ',' +
        w.threat +
        ',' +
        String(f.activeAlert) +
        ',' +
        risk +
        ',' +
        csvText(f.recommendation) +
        ',' +
        csvText(f.firstSeen) +
        EOL;
    }
    this.part.push(out.join(''));
    this.rows += findings.length;
  }

  /** The rows added since the last call (the header first). */
  take(): string {
    const part = this.part.join('');
    this.part = [];
    return part;
  }
}
