import { isAbsolute, relative, resolve, sep } from 'node:path';
import { isAllowedWebUrl, parseUrl } from './links.js';
import type { Translate } from './translate.js';

export interface Settings {
  /** `exposure.source` as written: a path, an https URL, or empty. */
  source: string;
  /** `exposure.refreshInterval`: minutes between polls of a URL source. */
  refreshInterval: number;
  /** `exposure.group`: the group whose score the status bar shows; empty for the organization. */
  group: string;
}

export const DEFAULT_REFRESH_MINUTES = 15;
const MIN_REFRESH_MINUTES = 1;

/** Reads the settings through any `get` (VS Code's configuration or a test's map), with defaults. */
export function readSettings(
  get: (key: 'source' | 'refreshInterval' | 'group') => unknown,
): Settings {
  const source = get('source');
  const interval = get('refreshInterval');
  const group = get('group');
  return {
    source: typeof source === 'string' ? source.trim() : '',
    refreshInterval:
      typeof interval === 'number' && Number.isFinite(interval)
        ? Math.max(MIN_REFRESH_MINUTES, interval)
        : DEFAULT_REFRESH_MINUTES,
    group: typeof group === 'string' ? group.trim() : '',
  };
}

export type SourceSpec =
  | { kind: 'none' }
  | { kind: 'demo' }
  | { kind: 'url'; url: string; label: string }
  | { kind: 'path'; path: string; label: string }
  | { kind: 'invalid'; label: string; reason: string };

/**
 * What `exposure.source` points at. Relative paths resolve against the workspace folder; a
 * relative path without a workspace cannot be resolved and says so.
 */
export function resolveSource(
  raw: string,
  workspaceFolder: string | undefined,
  t: Translate,
): SourceSpec {
  const label = raw;
  if (raw === '') return { kind: 'none' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    const url = parseUrl(raw);
    if (!url) return { kind: 'invalid', label, reason: t('"{0}" is not a valid URL', raw) };
    if (url.protocol === 'file:')
      return { kind: 'path', path: decodeURIComponent(url.pathname), label };
    if (!isAllowedWebUrl(url)) {
      return {
        kind: 'invalid',
        label,
        reason: t('only https URLs are fetched (http only from this machine)'),
      };
    }
    return { kind: 'url', url: url.href, label };
  }
  const expanded =
    raw.startsWith('~/') && process.env['HOME'] ? `${process.env['HOME']}${raw.slice(1)}` : raw;
  if (isAbsolute(expanded)) return { kind: 'path', path: expanded, label };
  if (workspaceFolder === undefined) {
    return {
      kind: 'invalid',
      label,
      reason: t('the relative path "{0}" needs an open workspace folder', raw),
    };
  }
  return { kind: 'path', path: resolve(workspaceFolder, expanded), label };
}

/** How a chosen file is written into the setting: relative to the workspace folder when inside it. */
export function sourceSettingFor(file: string, workspaceFolder: string | undefined): string {
  if (workspaceFolder === undefined) return file;
  const rel = relative(workspaceFolder, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : file;
}

/** The input box's check of a typed URL: `null` when it may be saved, else why not. */
export function checkUrlInput(value: string, t: Translate): string | null {
  const url = parseUrl(value.trim());
  if (!url || !/^https?:$/.test(url.protocol))
    return t('Enter an https:// URL of a published exposure.json');
  if (!isAllowedWebUrl(url)) return t('only https URLs are fetched (http only from this machine)');
  return null;
}
