import type { PageDocument } from '@exposure/score';
import type { Lang } from './i18n.js';

/**
 * What every renderer takes: one value, exposure.json with its page details (@exposure/score
 * toPageDocument), and the language to write it in.
 */
export interface RenderInput {
  document: PageDocument;
  lang: Lang;
}

export interface SiteFile {
  /** Relative, forward slashes. */
  path: string;
  content: string | Uint8Array;
  /**
   * The rest of the file of this path yielded before: a file too large to hold whole in memory
   * (findings.csv at a million findings) comes in parts.
   */
  append?: boolean;
}

export type Paper = 'a4' | 'letter';
