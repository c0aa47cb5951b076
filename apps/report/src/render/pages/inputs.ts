import type { SiteContext } from '../context.js';
import { inputsModel } from '../inputs.js';
import { layoutContext } from '../layout.js';

export const INPUTS_PATH = 'inputs.html';

export function inputsPage(ctx: SiteContext): object {
  return {
    ...layoutContext(ctx, '', 'inputs', ctx.msg.t('nav.inputs')),
    inputs: inputsModel(ctx),
  };
}
