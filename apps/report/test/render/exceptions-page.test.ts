import { describe, expect, it } from 'vitest';
import { riskSections, type RiskInput } from '@exposure/score';
import { renderPrintHtml, renderSite, siteFileCount } from '../../src/render/index.js';
import { HOSTILE, HOSTILE_ATTR, makeInput } from './fixture.js';
import { checkLinks } from './link-check.js';

/** The fixture's document with the accepted-risk and deadline sections, hostile text included. */
function withRisk(lang: 'en' | 'nl' = 'en') {
  const input = makeInput({ lang });
  const risk: RiskInput = {
    scoreWithoutExceptions: 51.234,
    outcomes: [
      {
        rule: {
          source: `risk.csv line 2`,
          weakness: 'CVE-2024-3094',
          device: 'web-01',
          reason: `Isolated ${HOSTILE}`,
          owner: `Alice ${HOSTILE_ATTR}`,
          expires: '2027-03-31',
          approvedBy: 'CISO',
        },
        expired: false,
        devices: ['d1'],
        weaknesses: ['CVE-2024-3094'],
        findings: 1,
      },
      {
        rule: { source: 'risk.csv line 3', weakness: '*', group: 'Lab', expires: '2026-10-01' },
        expired: true,
        devices: ['d3', 'gone'],
        weaknesses: ['CVE-2023-0001'],
        findings: 2,
      },
    ],
    excepted: { findings: 1, devices: 1, weaknesses: [{ id: 'CVE-2024-3094', devices: 1 }] },
    notAffected: { findings: 4, devices: 2, weaknesses: [{ id: 'CVE-2021-44228', devices: 2 }] },
    deadlines: {
      policy: { critical: 7, high: 30, medium: 90, low: 180 },
      asOf: '2026-11-01',
      total: { overdue: 2, dueSoon: 1, onTime: 5 },
      withoutDeadline: 0,
      byRecommendation: [{ id: 'software/tukaani/xz', overdue: 2, dueSoon: 0, onTime: 1 }],
      byGroup: [{ name: 'Data', overdue: 2, dueSoon: 1, onTime: 0 }],
      oldestKev: {
        device: 'd1',
        weakness: 'CVE-2024-3094',
        firstSeen: '2026-10-01',
        due: '2026-10-08',
        dueFrom: 'policy',
        status: 'overdue',
        daysLeft: -24,
        daysOpen: 31,
      },
      overduePairs(limit: number) {
        return this.pairs.filter((p) => p.status === 'overdue').slice(0, limit);
      },
      pairs: [
        {
          device: 'd1',
          weakness: 'CVE-2024-3094',
          firstSeen: '2026-10-01',
          due: '2026-10-08',
          dueFrom: 'policy',
          status: 'overdue',
          daysLeft: -24,
        },
        {
          device: '../../etc/passwd',
          weakness: 'CVE-2024-3094',
          firstSeen: '2026-10-15',
          due: '2026-10-20',
          dueFrom: 'kev',
          status: 'overdue',
          daysLeft: -12,
        },
      ],
    },
    newKev: null,
  };
  return { ...input, document: { ...input.document, ...riskSections(risk) } };
}

describe('the exceptions page', () => {
  it('shows who, why, until when and what each exception hides, escaped', async () => {
    const input = withRisk();
    const files = await renderSite(input);
    expect(files).toHaveLength(siteFileCount(input.document));
    const page = files.find((f) => f.path === 'exceptions.html')!.content as string;
    expect(page).toContain('Exposure score 45.27; without exceptions it would be 51.23');
    expect(page).toContain('Isolated &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain(HOSTILE);
    expect(page).not.toContain(HOSTILE_ATTR);
    expect(page).toContain('March 31, 2027');
    expect(page).toContain('Hides 1 finding on 1 device');
    expect(page).toMatch(/<tr class="expired">[\s\S]*Expired: its findings count again/);
    expect(page).toContain('2 findings on 2 devices count again');
    expect(page).toContain('4 findings on 2 devices are marked not affected by a VEX statement');
    expect(page).toContain('2 open weaknesses are overdue, 1 due within 7 days, 5 on time.');
    expect(page).toContain('(CISA KEV)');
    // Device and recommendation names link to their pages; a device not in the report does not.
    expect(checkLinks(files)).toEqual([]);
    expect(page).toMatch(/<a href="devices\/d1-[^"]+\.html">web-01<\/a>/);
    expect(page).toMatch(/laptop-7<\/a>, gone<br>/);
  });

  it('is linked from one line on the overview, and not made without the sections', async () => {
    const files = await renderSite(withRisk());
    const index = files.find((f) => f.path === 'index.html')!.content as string;
    expect(index).toContain(
      'Without exceptions the score would be 51.23 (findings accepted: 1); 2 open weaknesses are past their remediation deadline. <a href="exceptions.html">',
    );
    const plain = await renderSite(makeInput());
    expect(plain.map((f) => f.path)).not.toContain('exceptions.html');
  });

  it('renders in Dutch', async () => {
    const files = await renderSite(withRisk('nl'));
    const page = files.find((f) => f.path === 'exceptions.html')!.content as string;
    expect(page).toContain('Geaccepteerd risico en termijnen');
    expect(page).toContain('Verbergt 1 bevinding op 1 apparaat');
  });

  it('the PDF summary says how many are overdue and the score without exceptions', async () => {
    const html = await renderPrintHtml(withRisk(), { paper: 'a4' });
    expect(html).toContain(
      '2 open weaknesses are past their remediation deadline; without exceptions (findings accepted: 1) the score would be 51.23.',
    );
  });
});
