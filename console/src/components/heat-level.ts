/** Shades 1-5 of the heat map: light ones take dark text, dark ones white, each at AA contrast (heat-map.css). */
export const HEAT_LEVELS = 5;

/** 0 for no calls, else 1 (fewest) to HEAT_LEVELS (the busiest cell). */
export function heatLevel(calls: number, busiest: number): number {
  if (calls <= 0 || busiest <= 0) return 0;
  return Math.min(HEAT_LEVELS, 1 + Math.floor(((HEAT_LEVELS - 1) * calls) / busiest));
}
