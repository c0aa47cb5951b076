/**
 * Merges the configuration file into the parsed command-line options: an option given on the
 * command line wins; the file fills the rest; its paths are resolved against its own folder.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { DEFAULT_SLA, type SlaPolicy } from '@exposure/score';
import type { LoadedConfig } from './config-file.js';

export type GateLevel = 'low' | 'medium' | 'high';

/** The options a configuration file can set, by their command-line names. */
export interface ConfigurableOptions {
  org?: string;
  lang?: 'en' | 'nl';
  kev?: string;
  epss?: string;
  assets?: string;
  exceptions?: string;
  /** false with --no-history. */
  history?: string | false;
  classification?: string;
  failOn?: GateLevel;
  maxScore?: number;
  failOnOverdue?: boolean;
  failOnNewKev?: boolean;
  /** Only from the file: the policy's days, defaults filled in. */
  sla?: SlaPolicy;
}

/**
 * `givenOnCli(key)` says whether the user typed that option (commander's value source is 'cli');
 * defaults commander filled in (--lang en) do not count, so the file's language is used then.
 */
export function mergeConfig<T extends ConfigurableOptions>(
  options: T,
  givenOnCli: (key: keyof ConfigurableOptions) => boolean,
  loaded: LoadedConfig | undefined,
  /** Where relative paths are opened from: a path under it is given relative to it. */
  base?: string,
): T {
  if (!loaded) return { ...options, sla: options.sla ?? DEFAULT_SLA };
  const c = loaded.config;
  // Relative to the working folder when inside it, so messages and exposure.json read
  // "policy/accepted.csv" rather than a machine's absolute path.
  const path = (p: string | undefined): string | undefined => {
    if (p === undefined) return undefined;
    const absolute = resolve(loaded.dir, p);
    const inside = base === undefined ? undefined : relative(base, absolute);
    return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : absolute;
  };
  const fromFile: ConfigurableOptions = {
    org: c.organization,
    lang: c.language,
    kev: path(c.feeds?.kev),
    epss: path(c.feeds?.epss),
    assets: path(c.assets),
    exceptions: path(c.exceptions),
    history: path(c.history),
    classification: c.classification,
    failOn: c.gates?.failOn,
    maxScore: c.gates?.maxScore,
    failOnOverdue: c.gates?.failOnOverdue,
    failOnNewKev: c.gates?.failOnNewKev,
  };
  const merged: T = { ...options };
  for (const [key, value] of Object.entries(fromFile) as Array<
    [keyof ConfigurableOptions, unknown]
  >) {
    if (value === undefined || givenOnCli(key)) continue;
    (merged as Record<string, unknown>)[key] = value;
  }
  merged.sla = { ...DEFAULT_SLA, ...c.sla };
  return merged;
}
