import type { PageWeakness } from '@exposure/score';
import type { SiteContext } from './context.js';

/**
 * The words shown under a weakness's severity: "severity unknown (counted as medium)" when no
 * CVSS and no usable label set it (exposure-model/2), else the scanner's own label when it differs
 * from ours (CVSS comes first, so a Debian "low" can be shown as NVD's critical) — explained, not
 * hidden. Null when there is nothing to add.
 */
export function severityNote(ctx: SiteContext, w: PageWeakness | undefined): string | null {
  if (!w) return null;
  if (w.severitySource === 'unknown') return ctx.msg.t('severity.unknown');
  if (w.scannerSeverity != null && w.scannerSeverity !== w.severityLabel)
    return ctx.msg.t('severity.scanner', { label: ctx.msg.t(`severity.${w.scannerSeverity}`) });
  return null;
}
