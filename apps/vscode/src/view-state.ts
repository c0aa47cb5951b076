import type { ReportDocument } from '@exposure/score';

/** Where the shown document came from, as the tooltip, the commands and the tree need it. */
export interface SourceInfo {
  kind: 'url' | 'document' | 'inputs' | 'demo';
  /** What the user configured, for display: the URL or the path as written, or "demo". */
  label: string;
  /**
   * The folder of the published report site (ends with `/`), when the document was published
   * next to one: the URL's folder, or a local folder holding `index.html`.
   */
  siteBase: string | null;
  /** Local file of a published exposure.json. */
  documentPath: string | null;
}

export interface Shown {
  document: ReportDocument;
  source: SourceInfo;
  loadedAt: Date;
}

/** Everything the status bar and the views render from; `last` is the last good data. */
export type ViewState =
  | { phase: 'unconfigured' }
  | { phase: 'loading'; source: string; last: Shown | null }
  | { phase: 'ready'; shown: Shown }
  | { phase: 'error'; source: string; reason: string; last: Shown | null };

/** The data to show in any phase, if there is any (stale when the phase is not ready). */
export function shownOf(state: ViewState): Shown | null {
  switch (state.phase) {
    case 'unconfigured':
      return null;
    case 'ready':
      return state.shown;
    case 'loading':
    case 'error':
      return state.last;
  }
}
