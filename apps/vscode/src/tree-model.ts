import type { Level } from '@exposure/score';
import { DocumentIndex } from './document-index.js';
import { levelName } from './format.js';
import {
  deviceItem,
  LEVEL_COLOR,
  missing,
  recommendationItem,
  weaknessItem,
  type ItemModel,
} from './tree-items.js';
import type { Presenter } from './translate.js';

export type { ItemModel } from './tree-items.js';

/** Nodes carry ids only; items are built from the document when VS Code asks for them. */
export type TreeNode =
  | { kind: 'recommendation'; key: string; id: string }
  | { kind: 'weaknesses'; key: string; recommendation: string }
  | { kind: 'exposed-devices'; key: string; recommendation: string }
  | { kind: 'weakness'; key: string; id: string }
  | { kind: 'device'; key: string; id: string; underLevel: boolean }
  | { kind: 'level'; key: string; level: Level }
  | { kind: 'more'; key: string; parent: string; remaining: number };

export type ViewId = 'recommendations' | 'devices';

/** Children beyond this many load on demand through a "Show more" node. */
export const PAGE_SIZE = 200;

const LEVELS: readonly Level[] = ['high', 'medium', 'low', 'none'];

export class TreeModel {
  readonly index: DocumentIndex;
  readonly #limits = new Map<string, number>();

  constructor(
    document: DocumentIndex['document'],
    readonly p: Presenter,
    /** Folder of the published report site, when there is one (enables "open in report"). */
    readonly siteBase: string | null,
  ) {
    this.index = new DocumentIndex(document);
  }

  roots(view: ViewId): TreeNode[] {
    if (view === 'devices') {
      return LEVELS.filter((level) => this.index.devicesAt(level).length > 0).map((level) => ({
        kind: 'level',
        key: `level:${level}`,
        level,
      }));
    }
    return this.#page('recommendations', this.index.recommendations(), (r) => ({
      kind: 'recommendation',
      key: `rec:${r.id}`,
      id: r.id,
    }));
  }

  children(node: TreeNode): TreeNode[] {
    switch (node.kind) {
      case 'recommendation': {
        const rec = this.index.recommendation(node.id);
        if (!rec) return [];
        const out: TreeNode[] = [];
        if (rec.weaknesses.length > 0)
          out.push({ kind: 'weaknesses', key: `${node.key}/w`, recommendation: rec.id });
        if (rec.devices.length > 0)
          out.push({ kind: 'exposed-devices', key: `${node.key}/d`, recommendation: rec.id });
        return out;
      }
      case 'weaknesses': {
        const rec = this.index.recommendation(node.recommendation);
        return this.#page(node.key, rec?.weaknesses ?? [], (id) => ({
          kind: 'weakness',
          key: `${node.key}/${id}`,
          id,
        }));
      }
      case 'exposed-devices': {
        const rec = this.index.recommendation(node.recommendation);
        return this.#page(node.key, rec?.devices ?? [], (id) => ({
          kind: 'device',
          key: `${node.key}/${id}`,
          id,
          underLevel: false,
        }));
      }
      case 'level':
        return this.#page(node.key, this.index.devicesAt(node.level), (d) => ({
          kind: 'device',
          key: `${node.key}/${d.id}`,
          id: d.id,
          underLevel: true,
        }));
      case 'weakness':
      case 'device':
      case 'more':
        return [];
    }
  }

  /** Lets the parent of a "more" node show another page; returns the parent's key. */
  showMore(parentKey: string): void {
    this.#limits.set(parentKey, (this.#limits.get(parentKey) ?? PAGE_SIZE) + PAGE_SIZE);
  }

  #page<T>(parentKey: string, all: readonly T[], toNode: (x: T) => TreeNode): TreeNode[] {
    const limit = this.#limits.get(parentKey) ?? PAGE_SIZE;
    const nodes = all.slice(0, limit).map(toNode);
    if (all.length > limit) {
      nodes.push({
        kind: 'more',
        key: `more:${parentKey}:${limit}`,
        parent: parentKey,
        remaining: all.length - limit,
      });
    }
    return nodes;
  }

  item(node: TreeNode): ItemModel {
    const { t } = this.p;
    switch (node.kind) {
      case 'recommendation': {
        const rec = this.index.recommendation(node.id);
        return rec
          ? recommendationItem(
              node.key,
              rec,
              this.p,
              this.siteBase !== null,
              this.index.deadlinesOf(rec.id),
            )
          : missing(node.key, node.id);
      }
      case 'weaknesses': {
        const n = this.index.recommendation(node.recommendation)?.weaknesses.length ?? 0;
        return {
          id: node.key,
          label: t('Weaknesses'),
          description: String(n),
          icon: { id: 'bug' },
          collapsible: 'collapsed',
        };
      }
      case 'exposed-devices': {
        const n = this.index.recommendation(node.recommendation)?.devices.length ?? 0;
        return {
          id: node.key,
          label: t('Exposed devices'),
          description: String(n),
          icon: { id: 'device-desktop' },
          collapsible: 'collapsed',
        };
      }
      case 'weakness': {
        const w = this.index.weakness(node.id);
        return w ? weaknessItem(node.key, w, this.p) : missing(node.key, node.id);
      }
      case 'device': {
        const d = this.index.device(node.id);
        return d ? deviceItem(node.key, d, node.underLevel, this.p) : missing(node.key, node.id);
      }
      case 'level': {
        const color = LEVEL_COLOR[node.level];
        return {
          id: node.key,
          label: levelName(node.level, t),
          description: String(this.index.devicesAt(node.level).length),
          icon: color ? { id: 'shield', color } : { id: 'pass' },
          collapsible: 'collapsed',
        };
      }
      case 'more':
        return {
          id: node.key,
          label: t('Show more ({0} left)', node.remaining),
          icon: { id: 'ellipsis' },
          collapsible: 'none',
          command: {
            command: 'exposure.showMore',
            title: t('Show more'),
            arguments: [node.parent],
          },
        };
    }
  }
}
