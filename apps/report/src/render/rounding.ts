/**
 * Largest-remainder rounding: each value to `digits` decimals so that the rounded values add
 * up to the total rounded the same way. A change of 0.0 split into −0.14 and +0.16 then shows as
 * −0.1 and +0.1, not −0.1 and +0.2, so the steps on the page sum to the change on the page.
 * Deterministic: ties go to the earlier value.
 */
export function roundToTotal(values: readonly number[], total: number, digits: number): number[] {
  const scale = 10 ** digits;
  const target = Math.round(total * scale);
  const floors = values.map((v) => Math.floor(v * scale));
  let missing = target - floors.reduce((a, b) => a + b, 0);
  const order = values
    .map((v, i) => ({ i, rest: v * scale - floors[i]! }))
    .sort((a, b) => (missing >= 0 ? b.rest - a.rest : a.rest - b.rest) || a.i - b.i);
  const units = [...floors];
  // Each value moves at most one unit; more than one per value means the values do not add up
  // to the total, and then the remainder is spread in turns.
  for (let k = 0; missing !== 0 && order.length > 0; k++) {
    const { i } = order[k % order.length]!;
    units[i]! += Math.sign(missing);
    missing -= Math.sign(missing);
  }
  return units.map((u) => u / scale);
}
