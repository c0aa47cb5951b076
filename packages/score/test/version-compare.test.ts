import { describe, expect, it } from 'vitest';
import { compareVersions } from '../src/index.js';

describe('compareVersions', () => {
  it.each([
    ['1.2.3', '1.2.10', -1],
    ['5.6.2', '5.6.10', -1],
    ['2.0.0-rc.1', '2.0.0', -1],
    ['1:1.0', '2.0', 1],
    ['1.1.1k-r0', '1.1.1t-r0', -1],
    ['2.17-326.el7_9', '2.17-325.el7_9', 1],
    ['1.0~beta1', '1.0', -1],
    ['10.0.19045.3803', '10.0.19045.4046', -1],
    ['v1.4.0', '1.4.0', 0],
    ['same', 'same', 0],
  ] as const)('%s vs %s → %i', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
    expect(Math.sign(compareVersions(b, a))).toBe(-sign || 0);
  });
});
