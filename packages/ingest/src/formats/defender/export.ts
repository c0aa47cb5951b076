/**
 * The "via files" export: `GET /api/machines/SoftwareVulnerabilitiesExport` (and the secure
 * configuration and software inventory exports) answer with download URLs; the downloaded parts
 * are gzip JSON lines, one assessment record per line, keys in PascalCase.
 *
 * - A part file is streamed line by line: exports run to millions of rows, and no part is ever
 *   held as one string. Each line maps exactly as the JSON API row of the same kind does (see
 *   defender-software-vulns.ts, defender-config.ts, defender-inventory.ts); the kind is read from
 *   the first record. Blank lines are skipped; a line that is not JSON names its line number.
 * - The response listing the URLs (`exportFiles[]`, `generatedTime`) holds no findings: it is
 *   recognised so that a warning can say what to do with it (it adds nothing; not an error, as
 *   the file is what Defender answers).
 */
import type { Importer } from '../../importer.js';
import { jsonSyntaxProblem } from '../../json-syntax.js';
import { defenderMessages } from '../../messages.js';
import { ConfigurationRows } from './config.js';
import { isRecord, LineLocator, requireRecord } from './fields.js';
import { InventoryRows } from './inventory.js';
import { detectShape, rowShape } from './shapes.js';
import { SoftwareVulnerabilityRows } from './software-vulns.js';

type Rows = SoftwareVulnerabilityRows | ConfigurationRows | InventoryRows;

function rowsFor(rec: unknown, ctx: Parameters<Importer['import']>[0], loc: LineLocator): Rows {
  const shape = isRecord(rec) ? rowShape(rec) : undefined;
  if (shape === 'software-vulnerabilities') return new SoftwareVulnerabilityRows(ctx.builder);
  if (shape === 'configurations') return new ConfigurationRows(ctx.builder);
  if (shape === 'software-inventory') return new InventoryRows(ctx.builder);
  requireRecord(rec, loc);
  throw defenderMessages.notExportRecord(loc.file, loc.at());
}

/** What is wrong with one JSON line and at which column, from the one JSON syntax scanner. */
function lineProblem(line: string): string | undefined {
  const found = jsonSyntaxProblem(line);
  if (found === undefined) return undefined;
  const what =
    found.offset >= line.trimEnd().length
      ? 'the record ends early'
      : (found.problem ??
        `unexpected ${JSON.stringify(line.slice(found.offset, found.offset + 1))}`);
  return `${what} at column ${found.offset + 1}`;
}

export const defenderExportLines: Importer = {
  format: 'defender-export',
  label:
    'Microsoft Defender assessment export file (JSON lines, usually .json.gz, from exportFiles[])',
  detect: (head) => detectShape(head) === 'export-lines',
  async import(ctx) {
    const loc = new LineLocator(ctx.file.displayPath);
    let rows: Rows | undefined;
    for await (const { line, number } of ctx.lines()) {
      if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')) continue;
      loc.line = number;
      let rec: unknown;
      try {
        rec = JSON.parse(line);
      } catch (e) {
        // The column and the problem from the one JSON syntax scanner; V8's own message quotes
        // a stretch of the line and, for NaN or a comment, names no position.
        const reason = e instanceof Error ? e.message : String(e);
        throw defenderMessages.badJsonLine(loc.file, number, lineProblem(line) ?? reason);
      }
      rows ??= rowsFor(rec, ctx, loc);
      rows.row(rec, loc);
    }
    rows?.finish();
  },
};

export const defenderExportResponse: Importer = {
  format: 'defender-export-response',
  label:
    'Microsoft Defender export response (exportFiles[] download URLs; the parts are the input)',
  detect: (head) => detectShape(head) === 'export-files',
  async import(ctx) {
    const doc = await ctx.readJson();
    const files = isRecord(doc) && Array.isArray(doc.exportFiles) ? doc.exportFiles.length : 0;
    const generated =
      isRecord(doc) && typeof doc.generatedTime === 'string' ? doc.generatedTime : undefined;
    ctx.notes.warnings.push(
      defenderMessages.exportEnvelope(ctx.file.displayPath, files, generated),
    );
  },
};
