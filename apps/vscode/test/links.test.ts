import { describe, expect, it } from 'vitest';
import { slugify } from '../../report/src/render/slug.js';
import {
  advisoryLink,
  isAllowedWebUrl,
  recommendationPage,
  recommendationSlug,
  reportHome,
  siteBaseOf,
} from '../src/links.js';
import { HOSTILE } from './presenters.js';

describe('links', () => {
  it.each([
    'software/openssl/openssl',
    'weakness/CVE-2024-3094',
    'configuration/scid-91',
    'SOFTWARE/Ünïcode',
    '',
    ...HOSTILE,
  ])('names the page of %j exactly as the report does', (id) => {
    expect(recommendationSlug(id)).toBe(slugify(id));
  });

  it('builds the recommendation page next to the published document', () => {
    const base = siteBaseOf('https://intranet.example/sec/exposure.json?x=1');
    expect(base).toBe('https://intranet.example/sec/');
    expect(recommendationPage(base, 'software/openssl/openssl')).toMatch(
      /^https:\/\/intranet\.example\/sec\/recommendations\/software-openssl-openssl-[0-9a-f]{64}\.html$/,
    );
    expect(recommendationPage(base, '../../etc/passwd')).toMatch(
      /^https:\/\/intranet\.example\/sec\/recommendations\/[^/]+\.html$/,
    );
  });

  it('opens the report home: the folder on the web, index.html on disk', () => {
    expect(reportHome('https://intranet.example/sec/')).toBe('https://intranet.example/sec/');
    expect(reportHome('file:///srv/site/')).toBe('file:///srv/site/index.html');
  });

  it('opens only web advisories', () => {
    expect(
      advisoryLink([
        'command:workbench.action.terminal.new',
        'file:///etc/passwd',
        'vscode://x',
        'https://nvd.nist.gov/x',
      ]),
    ).toBe('https://nvd.nist.gov/x');
    expect(advisoryLink(['javascript:alert(1)', 'not a url'])).toBeNull();
  });

  it('fetches https anywhere and http only from this machine', () => {
    expect(isAllowedWebUrl(new URL('https://x.example/'))).toBe(true);
    expect(isAllowedWebUrl(new URL('http://localhost:8080/'))).toBe(true);
    expect(isAllowedWebUrl(new URL('http://[::1]/'))).toBe(true);
    expect(isAllowedWebUrl(new URL('http://x.example/'))).toBe(false);
    expect(isAllowedWebUrl(new URL('file:///x'))).toBe(false);
  });
});
