import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]>;
import type { Formats } from './format.js';
import type { Messages } from './i18n.js';

// Same depth from src/render and dist/render, so the templates folder resolves in both.
const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export type PageName =
  | 'index'
  | 'recommendations'
  | 'recommendation'
  | 'devices'
  | 'device'
  | 'changes'
  | 'methodology'
  | 'exceptions'
  | 'inputs'
  | 'group'
  | 'rec-devices'
  | 'print';

/** What every template can reach through `@`-data: the language's messages and formats. */
export interface RenderData {
  msg: Messages;
  fmt: Formats;
}

interface HelperOptions {
  hash: Record<string, string | number>;
  data: RenderData;
}

/** Small templates rendered once per weakness or recommendation and reused on many pages. */
export type FragmentName =
  'finding-weakness' | 'finding-badges' | 'recommendation-link' | 'rec-device-row';

export interface TemplateSet {
  render(page: PageName, context: object, data: RenderData): string;
  /**
   * A fragment's HTML, marked safe for `{{ }}`: it is the output of a template, so every value in
   * it was escaped by `{{ }}` there. A device page repeats the same weakness cells on thousands
   * of pages; rendering them once instead of per row is what keeps a 20,000-device site fast.
   */
  fragment(name: FragmentName, context: object, data: RenderData): Handlebars.SafeString;
  css: string;
  /** The body of assets/report.js (templates/report.js), before the site's data is added. */
  script: string;
}

let compiled: TemplateSet | undefined;

const HELPERS = [
  't',
  'fmtNum',
  'fmtSigned',
  'fmtPct',
  'fmtImpact',
  'levelName',
  'severityName',
  'eq',
  'concat',
] as const;

const COMPILE_OPTIONS: CompileOptions = {
  preventIndent: true,
  knownHelpers: Object.fromEntries(HELPERS.map((h) => [h, true])),
  knownHelpersOnly: true,
};

function registerHelpers(hb: typeof Handlebars): void {
  // Helpers return plain strings: Handlebars escapes them like any other value. The last
  // argument of a helper is always Handlebars' options object.
  const opts = (args: unknown[]) => args[args.length - 1] as HelperOptions;
  hb.registerHelper('t', (key: string, options: HelperOptions) =>
    options.data.msg.t(key, options.hash),
  );
  hb.registerHelper('fmtNum', (x: number, ...rest: unknown[]) =>
    opts(rest).data.fmt.number(x, typeof rest[0] === 'number' ? rest[0] : 0),
  );
  hb.registerHelper('fmtSigned', (x: number, options: HelperOptions) =>
    options.data.fmt.signed(x, 1),
  );
  // An impact is a drop: "−1.39". Impacts are exposure.json's, to 2 decimals: one it rounds to
  // 0 but that is not zero (`belowRounding`) reads "< 0.01", never "0.00" or "−0.00".
  hb.registerHelper('fmtImpact', (x: number, ...rest: unknown[]) => {
    const fmt = opts(rest).data.fmt;
    if (rest[0] === true) return `< ${fmt.number(0.01, 2)}`;
    return x === 0 ? fmt.number(0, 2) : `−${fmt.number(x, 2)}`;
  });
  hb.registerHelper('fmtPct', (x: number, options: HelperOptions) => options.data.fmt.percent(x));
  hb.registerHelper('levelName', (level: string, options: HelperOptions) =>
    options.data.msg.t(`level.${level}`),
  );
  hb.registerHelper('severityName', (label: string, options: HelperOptions) =>
    options.data.msg.t(`severity.${label}`),
  );
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
}

/** Compiles every template and partial once per process. */
export function templates(): TemplateSet {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  registerHelpers(hb);
  const read = (path: string) => readFileSync(`${TEMPLATES_DIR}${path}`, 'utf8');
  for (const file of readdirSync(`${TEMPLATES_DIR}partials`).sort()) {
    if (file.endsWith('.hbs'))
      hb.registerPartial(file.slice(0, -4), hb.compile(read(`partials/${file}`), COMPILE_OPTIONS));
  }
  const pages = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of readdirSync(`${TEMPLATES_DIR}pages`).sort()) {
    // knownHelpersOnly: calls go straight to our helpers instead of through Handlebars' dynamic
    // lookups, which matters on 20,000 device pages.
    if (file.endsWith('.hbs'))
      pages.set(file.slice(0, -4), hb.compile(read(`pages/${file}`), COMPILE_OPTIONS));
  }
  const fragments = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of readdirSync(`${TEMPLATES_DIR}fragments`).sort()) {
    if (file.endsWith('.hbs'))
      fragments.set(file.slice(0, -4), hb.compile(read(`fragments/${file}`), COMPILE_OPTIONS));
  }
  const css = read('report.css');
  compiled = {
    css,
    script: read('report.js'),
    fragment(name, context, data) {
      const template = fragments.get(name);
      if (!template) throw new Error(`templates/fragments/${name}.hbs is missing`);
      return new Handlebars.SafeString(
        template(context, { data, allowProtoPropertiesByDefault: false }),
      );
    },
    render(page, context, data) {
      const template = pages.get(page);
      if (!template) throw new Error(`templates/pages/${page}.hbs is missing`);
      return template(context, { data, allowProtoPropertiesByDefault: false });
    },
  };
  return compiled;
}
