import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/render/context.js';
import { contentsPages, fixedDates } from '../../src/render/pdf-contents.js';
import { advisoryLinks, coverModel, findingsBySeverity } from '../../src/render/print-sections.js';
import { renderPrintHtml } from '../../src/render/index.js';
import { makeInput } from './fixture.js';

describe('findingsBySeverity', () => {
  it('counts each open weakness once per severity, and its devices, with threats as columns', () => {
    const ctx = createContext(makeInput());
    const { rows, total } = findingsBySeverity(ctx);
    const weaknesses = ctx.input.document.weaknesses;
    expect(total.weaknesses).toBe(weaknesses.length);
    expect(total.instances).toBe(weaknesses.reduce((n, w) => n + w.devices, 0));
    expect(rows.reduce((n, r) => n + r.weaknesses, 0)).toBe(total.weaknesses);
    expect(rows.reduce((n, r) => n + r.instances, 0)).toBe(total.instances);
    expect(total.kev).toBe(weaknesses.filter((w) => w.kev).length);
    expect(total.weaponized).toBe(weaknesses.filter((w) => w.exploit === 'weaponized').length);
    // Critical to low always shown, so an empty row reads as "none of these".
    expect(rows.map((r) => r.severity).slice(0, 4)).toEqual(['critical', 'high', 'medium', 'low']);
  });
});

describe('advisoryLinks', () => {
  const weakness = (id: string, references: string[]) => ({
    ...makeInput().document.weaknesses[0]!,
    id,
    references,
  });

  it('links a CVE to NVD and a GHSA to the GitHub Advisory Database, then the references', () => {
    expect(
      advisoryLinks(weakness('CVE-2024-3094', ['https://example.org/a'])).map((l) => l.href),
    ).toEqual(['https://nvd.nist.gov/vuln/detail/CVE-2024-3094', 'https://example.org/a']);
    expect(advisoryLinks(weakness('GHSA-jfh8-c2jp-5v3q', [])).map((l) => l.href)).toEqual([
      'https://github.com/advisories/GHSA-jfh8-c2jp-5v3q',
    ]);
  });

  it('drops references that are not http(s) or not URLs, and repeats', () => {
    const links = advisoryLinks(
      weakness('my-config-check', [
        'javascript:alert(1)',
        'data:text/html,<script>',
        'not a url',
        'http://vendor.example/advisory',
        'http://vendor.example/advisory',
      ]),
    );
    expect(links).toEqual([
      { href: 'http://vendor.example/advisory', text: 'vendor.example/advisory' },
    ]);
  });
});

describe('coverModel', () => {
  it('names the organization, the scope, the period, the time of the data and the model', () => {
    const ctx = createContext(makeInput());
    const cover = coverModel(ctx, 'Confidential');
    expect(cover.organization).toBe('Contoso');
    const facts = Object.fromEntries(cover.facts.map((f) => [f.label, f.value]));
    expect(Object.keys(facts)).toEqual([
      'Scope',
      'Groups',
      'Inputs',
      'Period covered',
      'Generated',
      'Model version',
    ]);
    expect(facts['Generated']).toContain('November 1, 2026');
    expect(facts['Model version']).toBe(ctx.input.document.model);
    expect(cover.classification).toBe('Confidential');
  });

  it('says that no organization was named rather than inventing one', () => {
    const input = makeInput();
    input.document = { ...input.document, organization: null };
    const cover = coverModel(createContext(input), null);
    expect(cover.named).toBe(false);
    expect(cover.organization).toMatch(/^No organization named/);
  });
});

describe('renderPrintHtml detail', () => {
  it('full lists every section and the complete appendices; summary only the executive ones', async () => {
    const input = makeInput();
    const full = await renderPrintHtml(input, { paper: 'a4', detail: 'full' });
    const summary = await renderPrintHtml(input, { paper: 'a4', detail: 'summary' });
    const tocOf = (html: string) => [...html.matchAll(/data-toc-title>([^<]*)</g)].map((m) => m[1]);
    expect(tocOf(summary)).toEqual([
      'Executive summary',
      'Findings by severity and threat',
      'Top security recommendations',
      'Inputs and scope',
    ]);
    expect(tocOf(full)).toHaveLength(9);
    // Each contents entry is the text of an <h1> of the document.
    for (const title of tocOf(full)) expect(full).toMatch(new RegExp(`<h1[^>]*>${title}</h1>`));
    for (const rec of input.document.recommendations) expect(full).toContain(rec.title);
    expect(summary).not.toContain('Appendix A');
    expect(full).toContain('https://nvd.nist.gov/vuln/detail/CVE-2024-3094');
  });
});

describe('contentsPages', () => {
  const outline = [
    { title: 'Exposure report', page: 1 },
    { title: 'Contents', page: 2 },
    { title: 'Executive summary', page: 3 },
    { title: 'Notes', page: 4 },
    { title: 'Methodology', page: 7 },
    { title: 'Notes', page: 8 },
  ];

  it('takes each title at its first heading after the previous entry', () => {
    expect(contentsPages(['Executive summary', 'Notes', 'Methodology', 'Notes'], outline)).toEqual([
      3, 4, 7, 8,
    ]);
    expect(contentsPages(['  Executive\n summary '], outline)).toEqual([3]);
  });

  it('refuses an entry without its heading', () => {
    expect(() => contentsPages(['Appendix'], outline)).toThrow(/"Appendix" has no heading/);
    expect(() => contentsPages(['Methodology', 'Executive summary'], outline)).toThrow();
  });
});

describe('fixedDates', () => {
  const pdf = (dates: string) =>
    new Uint8Array(
      Buffer.from(`%PDF-1.4\n\xff\xfe binary\n<</Title (x)${dates}>>\ntrailer`, 'latin1'),
    );

  it("sets both dates to the as-of time, keeping the file's length and its other bytes", () => {
    const before = pdf(
      "/CreationDate (D:20261203102540+00'00')\n/ModDate (D:20261203102540+00'00')",
    );
    const after = fixedDates(before, '2026-11-01T06:00:00.000Z');
    const text = Buffer.from(after).toString('latin1');
    expect(after.length).toBe(before.length);
    expect(text).toContain("/CreationDate (D:20261101060000+00'00')");
    expect(text).toContain("/ModDate (D:20261101060000+00'00')");
    expect(text).toContain('\xff\xfe binary');
  });

  it('leaves a PDF alone whose dates are not in the UTC form', () => {
    const before = pdf("/CreationDate (D:20261203102540+01'00')");
    expect(fixedDates(before, '2026-11-01T06:00:00Z')).toBe(before);
  });
});

describe('renderPrintHtml compact list of devices at high exposure', () => {
  it('past 200 devices: blocks of three columns of one line per device, down then across, escaped', async () => {
    const input = makeInput();
    const base = input.document.devices.items[0]!;
    for (let i = 0; i < 230; i++)
      input.document.devices.items.push({
        ...base,
        id: `h${String(i).padStart(3, '0')}`,
        name: i === 7 ? 'evil <b>&amp;' : `high-${String(i).padStart(3, '0')}`,
        score: 80,
        display: 80,
        level: 'high',
      });
    const html = await renderPrintHtml(input, { paper: 'a4', detail: 'full' });
    const blocks = [...html.matchAll(/<div class="device-list">(.*?)<\/div>/gs)].map((m) =>
      [...m[1]!.matchAll(/<p>(.*?)<\/p>/gs)].map((c) => c[1]!),
    );
    const high = [...input.document.devices.items.filter((d) => d.level === 'high')].length;
    expect(high).toBeGreaterThan(200);
    // 75 devices a block (25 lines, 3 columns), every block with its three columns.
    expect(blocks).toHaveLength(Math.ceil(high / 75));
    for (const b of blocks) expect(b).toHaveLength(3);
    const lines = blocks.flat().flatMap((column) => (column === '' ? [] : column.split('\n')));
    expect(lines).toHaveLength(high);
    // Read down each column, then across: ranks in order, 1 to the last.
    expect(lines.map((l) => Number(/^(\d+)\. /.exec(l)?.[1]))).toEqual(
      Array.from({ length: high }, (_, i) => i + 1),
    );
    expect(lines.join('\n')).toContain('evil &lt;b&gt;&amp;amp; (h007) · 80');
    expect(html).not.toContain('<b>&amp;');
  });
});
