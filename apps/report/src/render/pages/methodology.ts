import type { SiteContext } from '../context.js';
import { layoutContext } from '../layout.js';
import { methodologyModel } from '../methodology.js';

export function methodologyPage(ctx: SiteContext): object {
  return {
    ...layoutContext(ctx, '', 'methodology', ctx.msg.t('nav.methodology')),
    method: methodologyModel(ctx),
  };
}
