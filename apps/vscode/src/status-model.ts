import type { Level, ReportDocument } from '@exposure/score';
import {
  deltaMark,
  formatDate,
  formatImpact,
  formatNumber,
  formatTime,
  levelName,
} from './format.js';
import { commandLink, md } from './markdown.js';
import type { Presenter } from './translate.js';
import { shownOf, type Shown, type ViewState } from './view-state.js';

export type StatusBackground = 'warning' | 'error' | null;

/** What the status bar item shows; the adapter only copies it onto a StatusBarItem. */
export interface StatusModel {
  text: string;
  /** Markdown; data strings are escaped, links go only to the extension's own commands. */
  tooltip: string;
  background: StatusBackground;
  command: string;
  /** What a screen reader says: plain words, no icon names, no Markdown. */
  accessibilityLabel: string;
}

interface Headline {
  display: number;
  level: Level;
  delta: number | null;
  groupName: string | null;
  groupMissing: boolean;
}

const TREND_POINTS = 6;
const TOP_RECOMMENDATIONS = 3;

/** The score the status bar leads with: the organization's, or the `exposure.group` setting's. */
export function headline(doc: ReportDocument, group: string): Headline {
  // Scored for the group itself (raw inputs, the demo): its score, and its own trend's change.
  if (group !== '' && doc.scope.group === group) {
    return {
      display: doc.display,
      level: doc.level,
      delta: doc.previous ? doc.display - doc.previous.display : null,
      groupName: group,
      groupMissing: false,
    };
  }
  // A published organization document: the group's score from its groups, without a change.
  if (group !== '') {
    const entry = doc.groups.find((g) => g.name === group);
    if (entry)
      return {
        display: entry.display,
        level: entry.level,
        delta: null,
        groupName: group,
        groupMissing: false,
      };
  }
  const delta = doc.previous ? doc.display - doc.previous.display : null;
  return {
    display: doc.display,
    level: doc.level,
    delta,
    groupName: null,
    groupMissing: group !== '',
  };
}

/**
 * What the status bar says in every state: the name alone (no source), a spinner (loading), the
 * score and level with the change (ready; amber only when high), or a warning icon with the reason
 * and the last good value (error: stale). Clicking always focuses the recommendations.
 */
export function statusModel(state: ViewState, group: string, p: Presenter): StatusModel {
  const { t } = p;
  const command = 'exposure.recommendations.focus';
  const shown = shownOf(state);
  if (state.phase === 'unconfigured') {
    return {
      text: `$(shield) ${t('Exposure')}`,
      tooltip: [
        `**${md(t('Exposure'))}**`,
        md(t('No source is configured.')),
        `${commandLink(t('Choose a source…'), 'exposure.chooseSource')}`,
      ].join('\n\n'),
      background: null,
      command,
      accessibilityLabel: t('Exposure: no source is configured'),
    };
  }
  const icon =
    state.phase === 'loading'
      ? '$(loading~spin)'
      : state.phase === 'error'
        ? '$(warning)'
        : '$(shield)';
  if (!shown) {
    const source = state.phase === 'ready' ? '' : state.source;
    const tooltip =
      state.phase === 'error'
        ? [
            `**${md(t('Exposure'))}**`,
            `$(warning) ${md(t('The source cannot be read: {0}', state.reason), 600)}`,
            sourceLine(source, p),
            `${commandLink(t('Refresh'), 'exposure.refresh')} · ${commandLink(t('Choose a source…'), 'exposure.chooseSource')}`,
          ]
        : [`**${md(t('Exposure'))}**`, md(t('Loading…')), sourceLine(source, p)];
    return {
      text: `${icon} ${t('Exposure')}`,
      tooltip: tooltip.join('\n\n'),
      background: state.phase === 'error' ? 'error' : null,
      command,
      accessibilityLabel:
        state.phase === 'error'
          ? t('Exposure: the source cannot be read: {0}', state.reason)
          : t('Exposure: loading'),
    };
  }
  const head = headline(shown.document, group);
  const delta = head.delta === null ? '' : deltaMark(head.delta);
  const text = `${icon} ${t('Exposure {0} · {1}', head.display, levelName(head.level, t))}${delta ? ` ${delta}` : ''}`;
  const stale = state.phase === 'error' ? state.reason : null;
  return {
    text,
    tooltip: tooltip(shown, head, stale, state.phase === 'loading', p),
    background: stale !== null ? 'error' : head.level === 'high' ? 'warning' : null,
    command,
    accessibilityLabel: spoken(head, stale, p),
  };
}

/** The status in words: score, level, change and scope, then whether it is stale. */
function spoken(head: Headline, stale: string | null, p: Presenter): string {
  const { t } = p;
  const parts = [t('Exposure score {0}, {1}', head.display, levelName(head.level, t))];
  if (head.delta !== null && head.delta > 0)
    parts.push(t('up {0} since the previous report', head.delta));
  else if (head.delta !== null && head.delta < 0)
    parts.push(t('down {0} since the previous report', -head.delta));
  if (head.groupName !== null) parts.push(t('group {0}', head.groupName));
  if (stale !== null) parts.push(t('stale: the source cannot be read: {0}', stale));
  return parts.join(', ');
}

function tooltip(
  shown: Shown,
  head: Headline,
  stale: string | null,
  loading: boolean,
  p: Presenter,
): string {
  const { t } = p;
  const doc = shown.document;
  const parts: string[] = [];
  const title = t('Exposure {0} · {1}', head.display, levelName(head.level, t));
  parts.push(`**${md(title)}**${doc.organization ? ` — ${md(doc.organization)}` : ''}`);
  if (stale !== null) {
    parts.push(`$(warning) ${md(t('Stale: the source cannot be read: {0}', stale), 600)}`);
    parts.push(md(t('Showing the data loaded at {0}.', formatTime(shown.loadedAt, p))));
  }
  if (loading) parts.push(`$(loading~spin) ${md(t('Refreshing…'))}`);
  const scoped = head.groupName !== null && doc.scope.group === head.groupName;
  if (scoped) {
    parts.push(md(t('Group {0}', head.groupName!)));
  } else if (head.groupName !== null) {
    parts.push(
      md(
        t(
          'Group {0}; the organization: {1} · {2}',
          head.groupName,
          doc.display,
          levelName(doc.level, t),
        ),
      ),
    );
  } else if (head.groupMissing) {
    parts.push(
      md(t('No group is named like the exposure.group setting; showing the organization.')),
    );
  }
  const score =
    head.groupName === null || scoped ? formatNumber(doc.score, p, 2) : String(head.display);
  parts.push(md(t('Score {0} of 100, as of {1}', score, formatDate(doc.asOf, p))));
  if (doc.previous && (head.groupName === null || doc.scope.group === head.groupName)) {
    const d = doc.display - doc.previous.display;
    parts.push(
      md(
        t('Change since {0}: {1}', formatDate(doc.previous.asOf, p), d === 0 ? '0' : deltaMark(d)),
      ),
    );
  }
  if (doc.trend.length >= 2) {
    const points = doc.trend.slice(-TREND_POINTS).map((x) => String(x.display));
    parts.push(
      md(
        scoped
          ? t(
              'Trend (group {0}, last {1} days): {2}',
              head.groupName!,
              points.length,
              points.join(' → '),
            )
          : t('Trend (organization, last {0} snapshots): {1}', points.length, points.join(' → ')),
      ),
    );
  }
  const d = doc.deadlines;
  if (d && d.overdue + d.dueSoon > 0)
    parts.push(
      `$(clock) ${md(t('Deadlines: {0} overdue, {1} due within 7 days, {2} on time', d.overdue, d.dueSoon, d.onTime))}`,
    );
  if (doc.exceptions && doc.exceptions.findings > 0 && doc.scoreWithoutExceptions !== undefined)
    parts.push(
      md(
        t(
          '{0} findings accepted as exceptions; without them the score would be {1}',
          doc.exceptions.findings,
          formatNumber(doc.scoreWithoutExceptions, p, 2),
        ),
      ),
    );
  const top = [...doc.recommendations].sort(byImpact).slice(0, TOP_RECOMMENDATIONS);
  if (top.length > 0) {
    const lines = top.map(
      (r, i) => `${i + 1}\\. ${md(r.title)} — ${md(formatImpact(r.exposureImpact, p))}`,
    );
    parts.push(`**${md(t('Top recommendations'))}**  \n${lines.join('  \n')}`);
  } else {
    parts.push(md(t('No recommendations: nothing open to fix.')));
  }
  parts.push(sourceLine(shown.source.kind === 'demo' ? t('bundled demo') : shown.source.label, p));
  parts.push(
    [
      commandLink(t('Show recommendations'), 'exposure.recommendations.focus'),
      commandLink(t('Refresh'), 'exposure.refresh'),
      ...(shown.source.siteBase ? [commandLink(t('Open report'), 'exposure.openReport')] : []),
    ].join(' · '),
  );
  return parts.join('\n\n');
}

function sourceLine(source: string, p: Presenter): string {
  return md(p.t('Source: {0}', source), 300);
}

/**
 * The order @exposure/score writes recommendations in (largest impact, then most devices, then
 * id). A document from elsewhere (hand-edited, another tool) may list them in any order, so the
 * extension puts them in this one, never in one of its own: the tree, the tooltip and the site
 * agree on ties.
 */
export function byImpact(
  a: { exposureImpact: number; exposedDevices: number; id: string },
  b: { exposureImpact: number; exposedDevices: number; id: string },
): number {
  return (
    b.exposureImpact - a.exposureImpact ||
    b.exposedDevices - a.exposedDevices ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
