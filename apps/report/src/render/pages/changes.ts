import { SPIKE_POINTS } from '@exposure/score';
import { changeView, orderedChanges } from '../change-text.js';
import type { SiteContext } from '../context.js';
import { layoutContext } from '../layout.js';

export function changesPage(ctx: SiteContext): object {
  const changes = orderedChanges(ctx.input.document.changes).map((c) => changeView(ctx, '', c));
  return {
    ...layoutContext(ctx, '', 'changes', ctx.msg.t('nav.changes')),
    spikes: changes.filter((c) => c.spike),
    others: changes.filter((c) => !c.spike),
    spikeThreshold: ctx.fmt.number(SPIKE_POINTS),
  };
}
