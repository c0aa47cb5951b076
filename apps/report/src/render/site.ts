import type { ReportDocument } from '@exposure/score';
import { createContext } from './context.js';
import {
  CSV_FILES,
  devicesCsv,
  FINDINGS_CSV_DEVICES,
  FindingsCsv,
  recommendationsCsv,
} from './csv.js';
import { FindingRows } from './device-cells.js';
import { SCRIPT_PATH, SEARCH_INDEX_PATH, searchIndex, siteScript } from './enhance.js';
import { changesPage } from './pages/changes.js';
import { devicePage, devicesListFile, devicesListPage, pageCount } from './pages/devices.js';
import { EXCEPTIONS_PATH, exceptionsPage, hasRiskSections } from './pages/exceptions.js';
import { groupPages } from './pages/groups.js';
import { INPUTS_PATH, inputsPage } from './pages/inputs.js';
import { methodologyPage } from './pages/methodology.js';
import { overviewPage } from './pages/overview.js';
import { recommendationPage, recommendationsPage } from './pages/recommendations.js';
import { recDevicePageCount, RecDevicePages } from './pages/rec-devices.js';
import { templates } from './templates.js';
import type { RenderInput, SiteFile } from './types.js';

export const STYLESHEET_PATH = 'assets/report.css';

/**
 * The site's files one at a time, in a fixed order, so a caller can write each to disk and
 * drop it: at 20,000 devices the whole site is half a gigabyte of text.
 */
export async function* renderSiteFiles(input: RenderInput): AsyncGenerator<SiteFile> {
  const ctx = createContext(input);
  const t = templates();
  const render = (page: Parameters<typeof t.render>[0], context: object) =>
    t.render(page, context, ctx.data);
  yield { path: 'index.html', content: render('index', await overviewPage(ctx)) };
  yield {
    path: 'recommendations.html',
    content: render('recommendations', recommendationsPage(ctx)),
  };
  yield { path: 'changes.html', content: render('changes', changesPage(ctx)) };
  yield { path: 'methodology.html', content: render('methodology', methodologyPage(ctx)) };
  yield { path: INPUTS_PATH, content: render('inputs', inputsPage(ctx)) };
  if (hasRiskSections(input.document))
    yield { path: EXCEPTIONS_PATH, content: render('exceptions', exceptionsPage(ctx)) };
  yield { path: STYLESHEET_PATH, content: t.css };
  yield { path: SCRIPT_PATH, content: siteScript(ctx, t.script) };
  yield { path: SEARCH_INDEX_PATH, content: searchIndex(ctx) };
  yield { path: CSV_FILES.devices, content: devicesCsv(ctx) };
  yield { path: CSV_FILES.recommendations, content: recommendationsCsv(ctx) };
  for await (const page of groupPages(ctx))
    yield { path: page.path, content: render('group', page.context) };
  const recDevices = new RecDevicePages(ctx);
  for (const rec of ctx.recommendationsByImpact) {
    yield {
      path: `recommendations/${ctx.recommendationSlugs.get(rec.id)}.html`,
      content: render('recommendation', recommendationPage(ctx, rec)),
    };
    for (const page of recDevices.pages(rec))
      yield { path: `recommendations/${page.file}`, content: render('rec-devices', page.context) };
  }
  const pages = pageCount(ctx.devicesByExposure.length);
  for (let page = 1; page <= pages; page++) {
    yield {
      path: `devices/${devicesListFile(page)}`,
      content: render('devices', devicesListPage(ctx, page)),
    };
  }
  const rows = new FindingRows(ctx);
  const findingsCsv = new FindingsCsv(ctx);
  let parts = 0;
  const findingsPart = (): SiteFile => ({
    path: CSV_FILES.findings,
    content: findingsCsv.take(),
    ...(parts++ > 0 && { append: true }),
  });
  for (const [i, device] of ctx.devicesByExposure.entries()) {
    // A device's findings are built once, for its page and its findings.csv rows, so only one
    // device's findings are alive at a time.
    const findings = input.document.deviceFindings.of(device.id);
    findingsCsv.add(device, findings);
    yield {
      path: `devices/${ctx.deviceSlugs.get(device.id)}.html`,
      content: render('device', devicePage(ctx, rows, device, findings)),
    };
    if ((i + 1) % FINDINGS_CSV_DEVICES === 0) yield findingsPart();
  }
  if (parts === 0 || ctx.devicesByExposure.length % FINDINGS_CSV_DEVICES !== 0)
    yield findingsPart();
}

/** How many files renderSiteFiles yields for a document (for progress; parts not counted). */
export function siteFileCount(document: ReportDocument): number {
  const devices = document.devices.items.length;
  return (
    11 +
    (hasRiskSections(document) ? 1 : 0) +
    document.recommendations.reduce((n, r) => n + recDevicePageCount(r), 0) +
    document.recommendations.length +
    document.groups.length +
    pageCount(devices) +
    devices
  );
}

/**
 * Every file of the static site except exposure.json and its schema (the CLI adds those).
 * The same input gives byte-identical files.
 */
export async function renderSite(input: RenderInput): Promise<SiteFile[]> {
  const files: SiteFile[] = [];
  const byPath = new Map<string, SiteFile>();
  for await (const file of renderSiteFiles(input)) {
    // The parts of a large file, joined: callers of this in-memory form see whole files.
    const earlier = file.append ? byPath.get(file.path) : undefined;
    if (earlier) {
      earlier.content = `${earlier.content as string}${file.content as string}`;
      continue;
    }
    const whole = { path: file.path, content: file.content };
    files.push(whole);
    byPath.set(file.path, whole);
  }
  return files;
}
