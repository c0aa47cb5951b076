/**
 * The site's own marker: a file only Exposure writes, naming the tool and the report schema. A
 * folder is replaced by `exposure report --out` only when it is empty or carries this marker:
 * `exposure.json` alone proves nothing (the README itself suggests `score --json > exposure.json`).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SITE_MARKER = '.exposure-site';

/** Bumped only when the layout of the folder changes in a way older versions must not touch. */
export const SITE_LAYOUT = 'exposure-site/1';

export function siteMarker(reportSchema: string): string {
  return (
    JSON.stringify({
      generator: 'exposure',
      layout: SITE_LAYOUT,
      report: reportSchema,
      note: 'Written by `exposure report`, which replaces this folder as a whole on its next run.',
    }) + '\n'
  );
}

/** True when `dir` holds a marker Exposure wrote (a file, parseable, naming the tool and a report schema). */
export async function hasSiteMarker(dir: string): Promise<boolean> {
  let text: string;
  try {
    // Small by construction: anything large is not ours.
    text = await readFile(join(dir, SITE_MARKER), 'utf8');
  } catch {
    return false;
  }
  if (text.length > 4096) return false;
  try {
    const m = JSON.parse(text) as Record<string, unknown>;
    return (
      m.generator === 'exposure' &&
      m.layout === SITE_LAYOUT &&
      typeof m.report === 'string' &&
      m.report.startsWith('exposure-report/')
    );
  } catch {
    return false;
  }
}
