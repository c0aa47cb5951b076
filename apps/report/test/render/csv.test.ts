import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvNumber, csvText } from '../../src/render/csv.js';
import { renderSite, renderSiteFiles, siteFileCount } from '../../src/render/index.js';
import { HOSTILE, makeInput } from './fixture.js';

function csvOf(files: Awaited<ReturnType<typeof renderSite>>, path: string): string[][] {
  const file = files.find((f) => f.path === path);
  expect(file, path).toBeDefined();
  const text = file!.content as string;
  expect(text.startsWith('\uFEFF')).toBe(true);
  return parse(text, { bom: true, relax_column_count: false }) as string[][];
}

describe('CSV downloads', () => {
  it('have one row per device, recommendation and open finding, as the document counts them', async () => {
    const input = makeInput({ hostile: true, extraDevices: 3 });
    const files = await renderSite(input);
    const devices = csvOf(files, 'devices.csv');
    expect(devices[0]).toEqual([
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
    ]);
    expect(devices.length - 1).toBe(input.document.devices.items.length);
    const recs = csvOf(files, 'recommendations.csv');
    expect(recs.length - 1).toBe(input.document.recommendations.length);
    expect(recs[1]![2]).toBe(input.document.recommendations[0]!.title);
    // The fix per platform in one cell.
    expect(recs[1]![7]).toContain('5.6.2 (1)');
    const findings = csvOf(files, 'findings.csv');
    const expected = input.document.devices.items.reduce(
      (n, d) => n + input.document.deviceFindings.of(d.id).length,
      0,
    );
    expect(findings.length - 1).toBe(expected);
    expect(findings[0]).toContain('first_seen');
    // Untrusted text survives the round trip: quotes, commas and markup stay text.
    expect(recs.flat().some((cell) => cell.includes(HOSTILE))).toBe(true);
  });

  it('quote what must be quoted and guard cells a spreadsheet would run as formulas', () => {
    expect(csvText('plain')).toBe('plain');
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('two\nlines')).toBe('"two\nlines"');
    expect(csvText('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvText('+1')).toBe("'+1");
    expect(csvText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvText(undefined)).toBe('');
    expect(csvNumber(-0.5)).toBe('-0.5');
    expect(csvNumber(17.923, 2)).toBe('17.92');
    expect(csvNumber(null)).toBe('');
  });

  it('comes in parts of 500 devices for a large fleet, which join to the whole file', async () => {
    const input = makeInput({ extraDevices: 1200 });
    const parts: string[] = [];
    let files = 0;
    for await (const f of renderSiteFiles(input)) {
      if (f.path === 'findings.csv') {
        expect(f.append === true).toBe(parts.length > 0);
        parts.push(f.content as string);
      }
      if (!f.append) files++;
    }
    expect(parts).toHaveLength(3);
    expect(files).toBe(siteFileCount(input.document));
    const whole = (await renderSite(input)).find((f) => f.path === 'findings.csv')!.content;
    expect(parts.join('')).toBe(whole);
    expect(parse(whole as string, { bom: true })).toHaveLength(
      1 +
        input.document.devices.items.reduce(
          (n, d) => n + input.document.deviceFindings.of(d.id).length,
          0,
        ),
    );
  });
});
