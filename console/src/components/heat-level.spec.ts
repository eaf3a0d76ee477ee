import { describe, expect, it } from 'vitest';
import { HEAT_LEVELS, heatLevel } from './heat-level';

describe('heatLevel', () => {
  it.each([
    { calls: 0, busiest: 0, level: 0 },
    { calls: 0, busiest: 10, level: 0 },
    { calls: 1, busiest: 10, level: 1 },
    { calls: 3, busiest: 10, level: 2 },
    { calls: 5, busiest: 10, level: 3 },
    { calls: 9, busiest: 10, level: 4 },
    { calls: 10, busiest: 10, level: HEAT_LEVELS },
    { calls: 1, busiest: 1, level: HEAT_LEVELS },
  ])('$calls of at most $busiest calls is shade $level', ({ calls, busiest, level }) => {
    expect(heatLevel(calls, busiest)).toBe(level);
  });
});
