import type { Level } from './types.js';
import { LEVEL_BOUNDS, VALUE_WEIGHT } from './model.js';
import type { Device } from './snapshot.js';

/** Level of a score: rounded to an integer first; `none` only for a device with no open pair. */
export function levelOf(score: number, hasOpenPairs: boolean): Level {
  if (!hasOpenPairs) return 'none';
  const rounded = Math.round(score);
  if (rounded >= LEVEL_BOUNDS.highFrom) return 'high';
  if (rounded >= LEVEL_BOUNDS.mediumFrom) return 'medium';
  return 'low';
}

/** Device value weight w; high is N / 10 over the N devices in scope, but never below 2. */
export function valueWeight(value: Device['value'], devicesInScope: number): number {
  if (value === 'low') return VALUE_WEIGHT.low;
  if (value === 'high')
    return Math.max(VALUE_WEIGHT.highMinimum, devicesInScope * VALUE_WEIGHT.highPerDevices);
  return VALUE_WEIGHT.normal;
}

/** Weights per device index for the devices of one scope (0 for devices outside it). */
export function deviceWeights(devices: readonly Device[], scope: Int32Array): Float64Array {
  const weights = new Float64Array(devices.length);
  for (const d of scope) weights[d] = valueWeight(devices[d]!.value, scope.length);
  return weights;
}
