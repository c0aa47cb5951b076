import type { ReportDocument } from '@exposure/score';
import { byImpact } from './status-model.js';

export type DeviceItem = ReportDocument['devices']['items'][number];
export type WeaknessItem = ReportDocument['weaknesses'][number];
export type RecommendationItem = ReportDocument['recommendations'][number];

/**
 * Lookups over one document, built on first use: a tree that is never expanded never pays for
 * them, and a large fleet is indexed once, not once per expanded node.
 */
export class DocumentIndex {
  #devices: Map<string, DeviceItem> | undefined;
  #weaknesses: Map<string, WeaknessItem> | undefined;
  #recommendations: RecommendationItem[] | undefined;
  #deadlines: Map<string, { overdue: number; dueSoon: number; onTime: number }> | undefined;
  #byLevel: Map<string, DeviceItem[]> | undefined;

  constructor(readonly document: ReportDocument) {}

  device(id: string): DeviceItem | undefined {
    this.#devices ??= new Map(this.document.devices.items.map((d) => [d.id, d]));
    return this.#devices.get(id);
  }

  weakness(id: string): WeaknessItem | undefined {
    this.#weaknesses ??= new Map(this.document.weaknesses.map((w) => [w.id, w]));
    return this.#weaknesses.get(id);
  }

  /** Open pairs of a recommendation past or near their remediation deadline (none without deadlines). */
  deadlinesOf(id: string): { overdue: number; dueSoon: number; onTime: number } | undefined {
    this.#deadlines ??= new Map(
      (this.document.deadlines?.byRecommendation ?? []).map((r) => [r.id, r] as const),
    );
    return this.#deadlines.get(id);
  }

  recommendation(id: string): RecommendationItem | undefined {
    return this.recommendations().find((r) => r.id === id);
  }

  /** In the document's own order (status-model's byImpact), whatever order the file has. */
  recommendations(): RecommendationItem[] {
    this.#recommendations ??= [...this.document.recommendations].sort(byImpact);
    return this.#recommendations;
  }

  /** Devices at one level as @exposure/score orders them: highest score first, then by id. */
  devicesAt(level: string): DeviceItem[] {
    if (!this.#byLevel) {
      this.#byLevel = new Map();
      for (const d of this.document.devices.items) {
        const list = this.#byLevel.get(d.level) ?? [];
        list.push(d);
        this.#byLevel.set(d.level, list);
      }
      for (const list of this.#byLevel.values())
        list.sort((a, b) => b.score - a.score || compare(a.id, b.id));
    }
    return this.#byLevel.get(level) ?? [];
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
