import type { Level } from './types.js';

export interface TrendPoint {
  asOf: string;
  score: number;
  display: number;
  level: Level;
}

/** Ordered kinds of the steps a change between two snapshots is split into. */
export const CHANGE_STEP_KINDS = [
  'devices-removed',
  'devices-added',
  'devices-changed',
  'remediated',
  'new-published',
  'new-detected',
  'alerts',
  'kev',
  'exploit',
  'epss',
  'severity',
] as const;
export type ChangeStepKind = (typeof CHANGE_STEP_KINDS)[number];

export interface StepWeakness {
  id: string;
  title?: string;
  kev: boolean;
  /** This weakness's share of the step's delta. */
  delta: number;
  /** Devices on which it moved. */
  devices: number;
}

export interface ChangeStep {
  kind: ChangeStepKind;
  delta: number;
  /** Devices the step touched. */
  devices: number;
  /** The weaknesses that moved it most, largest |delta| first (at most 5). */
  weaknesses: StepWeakness[];
}

export interface Change {
  from: string;
  to: string;
  delta: number;
  spike: boolean;
  steps: ChangeStep[];
}

export interface Trend {
  points: TrendPoint[];
  changes: Change[];
}
