import { describe, expect, it } from 'vitest';
import { readExceptions } from '../../src/exceptions/read-exceptions.js';
import { InputError } from '../../src/messages.js';
import { readKev } from '../../src/formats/feeds/kev.js';
import { fixture, tempDir, writeTemp } from '../helpers.js';

describe('readExceptions', () => {
  it('reads a CSV: header in any case and spacing, quoted cells, empty cells left out', async () => {
    const path = fixture('exceptions', 'exceptions.csv');
    const rules = await readExceptions(path, 'exceptions.csv');
    expect(rules).toEqual([
      {
        source: 'exceptions.csv line 2',
        weakness: 'CVE-2024-3094',
        device: 'web-01',
        reason: 'Compensating control: outbound traffic blocked, see CHG-1234',
        owner: 'Alice Jansen',
        expires: '2027-03-31',
        approvedBy: 'CISO',
      },
      {
        source: 'exceptions.csv line 3',
        weakness: '*',
        group: 'Lab',
        reason: 'Isolated lab network',
        owner: 'Bob',
        expires: '2026-12-31',
        approvedBy: 'CISO',
      },
      {
        source: 'exceptions.csv line 4',
        weakness: 'CVE-2023-44487',
        software: { vendor: 'golang', product: 'net' },
        reason: 'Not reachable: HTTP/2 disabled',
        owner: 'Carol',
        approvedBy: 'Security board',
      },
    ]);
  });

  it('reads the same rules from JSON (exposure-exceptions/1)', async () => {
    const rules = await readExceptions(fixture('exceptions', 'exceptions.json'), 'x.json');
    expect(rules.map((r) => r.source)).toEqual([
      'x.json $.exceptions[0]',
      'x.json $.exceptions[1]',
      'x.json $.exceptions[2]',
    ]);
    expect(rules[0]).toMatchObject({ weakness: 'CVE-2024-3094', device: 'web-01' });
    expect(rules[2]!.software).toEqual({ vendor: '', product: 'net' });
  });

  const bad: Array<[string, string, string | object, string | undefined, RegExp]> = [
    [
      'unknown CSV column',
      'e.csv',
      'weakness,expiry\nCVE-1,2027-01-01\n',
      'line 1',
      /unknown column "expiry"/,
    ],
    ['no weakness column', 'e.csv', 'device,reason\nd1,x\n', 'line 1', /has no weakness column/],
    ['empty weakness', 'e.csv', 'weakness,device\nCVE-1,d1\n,d2\n', 'line 3', /names no weakness/],
    [
      'bad date',
      'e.csv',
      'weakness,expires\nCVE-1,31/12/2026\n',
      'line 2',
      /YYYY-MM-DD .*"31\/12\/2026"/,
    ],
    ['impossible date', 'e.csv', 'weakness,expires\nCVE-1,2026-02-30\n', 'line 2', /YYYY-MM-DD/],
    ['bad software', 'e.csv', 'weakness,software\nCVE-1,a/b/c\n', 'line 2', /vendor\/product/],
    ['ragged row', 'e.csv', 'weakness,device\nCVE-1,d1,extra\n', 'line 2', /./],
    [
      'JSON without schema',
      'e.json',
      { exceptions: [] },
      '$',
      /missing the required field "schema"/,
    ],
    [
      'JSON unknown field',
      'e.json',
      {
        schema: 'exposure-exceptions/1',
        exceptions: [{ weakness: 'CVE-1', expiry: '2027-01-01' }],
      },
      '$.exceptions[0]',
      /unknown field "expiry"/,
    ],
    [
      'JSON wrong type',
      'e.json',
      { schema: 'exposure-exceptions/1', exceptions: [{ weakness: 7 }] },
      '$.exceptions[0].weakness',
      /should be a string, found number 7/,
    ],
    [
      'JSON impossible date',
      'e.json',
      { schema: 'exposure-exceptions/1', exceptions: [{ weakness: 'X', expires: '2026-13-01' }] },
      '$.exceptions[0].expires',
      /YYYY-MM-DD/,
    ],
    ['JSON syntax', 'e.json', '{ "schema": ', undefined, /JSON|truncated/],
  ];
  it.each(bad)(
    'refuses %s, naming the file, the place and the problem',
    async (_, name, content, place, problem) => {
      const path = writeTemp(tempDir(), name, content);
      const error = await readExceptions(path, name).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InputError);
      const e = error as InputError;
      expect(e.file).toBe(name);
      if (place !== undefined) expect(e.place).toBe(place);
      expect(e.problem).toMatch(problem);
    },
  );
});

describe('KEV due dates', () => {
  it('keeps each listing dueDate', async () => {
    const path = writeTemp(tempDir(), 'kev.json', {
      catalogVersion: '2026.11.01',
      vulnerabilities: [
        { cveID: 'CVE-2024-3094', dueDate: '2024-04-19' },
        { cveID: 'CVE-2021-44228' },
      ],
    });
    const kev = await readKev(path);
    expect([...kev.dueDates!]).toEqual([['CVE-2024-3094', '2024-04-19']]);
  });
});
