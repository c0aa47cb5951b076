import { describe, expect, it } from 'vitest';
import { checkUrlInput, readSettings, resolveSource, sourceSettingFor } from '../src/settings.js';
import { english } from './presenters.js';

const t = english.t;

describe('readSettings', () => {
  it('applies defaults and trims', () => {
    expect(readSettings(() => undefined)).toEqual({ source: '', refreshInterval: 15, group: '' });
    const values: Record<string, unknown> = {
      source: '  ./x.json ',
      refreshInterval: 0.1,
      group: ' Web ',
    };
    expect(readSettings((k) => values[k])).toEqual({
      source: './x.json',
      refreshInterval: 1,
      group: 'Web',
    });
  });

  it('ignores values of the wrong type', () => {
    const values: Record<string, unknown> = { source: 42, refreshInterval: 'often', group: null };
    expect(readSettings((k) => values[k])).toEqual({ source: '', refreshInterval: 15, group: '' });
  });
});

describe('resolveSource', () => {
  it.each([
    ['', '/ws', { kind: 'none' }],
    [
      'https://intranet.example/x/exposure.json',
      '/ws',
      {
        kind: 'url',
        url: 'https://intranet.example/x/exposure.json',
        label: 'https://intranet.example/x/exposure.json',
      },
    ],
    [
      'http://127.0.0.1:8080/exposure.json',
      undefined,
      {
        kind: 'url',
        url: 'http://127.0.0.1:8080/exposure.json',
        label: 'http://127.0.0.1:8080/exposure.json',
      },
    ],
    [
      'reports/exposure.json',
      '/ws',
      { kind: 'path', path: '/ws/reports/exposure.json', label: 'reports/exposure.json' },
    ],
    [
      '../shared/scans',
      '/ws/app',
      { kind: 'path', path: '/ws/shared/scans', label: '../shared/scans' },
    ],
    [
      '/abs/exposure.json',
      undefined,
      { kind: 'path', path: '/abs/exposure.json', label: '/abs/exposure.json' },
    ],
    [
      'file:///abs/my%20scans',
      undefined,
      { kind: 'path', path: '/abs/my scans', label: 'file:///abs/my%20scans' },
    ],
  ] as const)('%j in %j', (raw, ws, expected) => {
    expect(resolveSource(raw, ws, t)).toEqual(expected);
  });

  it('refuses plain http to other machines and other schemes', () => {
    expect(resolveSource('http://intranet.example/exposure.json', '/ws', t)).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('only https'),
    });
    expect(resolveSource('ftp://intranet.example/exposure.json', '/ws', t)).toMatchObject({
      kind: 'invalid',
    });
  });

  it('cannot resolve a relative path without a workspace', () => {
    expect(resolveSource('x.json', undefined, t)).toMatchObject({
      kind: 'invalid',
      reason: 'the relative path "x.json" needs an open workspace folder',
    });
  });
});

describe('sourceSettingFor', () => {
  it('writes paths inside the workspace relative, others absolute', () => {
    expect(sourceSettingFor('/ws/site/exposure.json', '/ws')).toBe('site/exposure.json');
    expect(sourceSettingFor('/elsewhere/exposure.json', '/ws')).toBe('/elsewhere/exposure.json');
    expect(sourceSettingFor('/ws', '/ws')).toBe('/ws');
    expect(sourceSettingFor('/x.json', undefined)).toBe('/x.json');
  });
});

describe('checkUrlInput', () => {
  it('accepts https and local http, refuses the rest', () => {
    expect(checkUrlInput('https://intranet.example/exposure.json', t)).toBeNull();
    expect(checkUrlInput(' http://localhost:3000/exposure.json ', t)).toBeNull();
    expect(checkUrlInput('http://intranet.example/exposure.json', t)).toMatch(/only https/);
    expect(checkUrlInput('exposure.json', t)).toMatch(/Enter an https/);
    expect(checkUrlInput('javascript:alert(1)', t)).toMatch(/Enter an https/);
  });
});
