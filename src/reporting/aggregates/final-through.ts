import { SETTLED_AFTER_MS } from '../../voice/decide.js';
import { DAY_MS, QUARTER_HOUR_MS } from './range-plan.js';

const HOUR_MS = 3_600_000;

/**
 * Beyond SETTLED_AFTER_MS: webhooks whose transactions are still in flight when a rollup reads, and clocks of
 * instances that disagree by a little.
 */
export const FINAL_MARGIN_MS = HOUR_MS;

export const floorDay = (instant: Date): Date => new Date(Math.floor(instant.getTime() / DAY_MS) * DAY_MS);
export const floorQuarterHour = (instant: Date): Date =>
  new Date(Math.floor(instant.getTime() / QUARTER_HOUR_MS) * QUARTER_HOUR_MS);
const ceilDay = (instant: Date): Date => new Date(Math.ceil(instant.getTime() / DAY_MS) * DAY_MS);

/**
 * How far the aggregates may reach at `now`: the whole hour before which no webhook accepted from now on can change
 * a call's rows (isLongOver refuses them) nor add an attempt.
 */
export function finalThroughAt(now: Date): Date {
  const settled = now.getTime() - SETTLED_AFTER_MS - FINAL_MARGIN_MS;
  return new Date(Math.floor(settled / HOUR_MS) * HOUR_MS);
}

/**
 * Up to where a purge of the calls started before `cutoff` changes the aggregates: their attempts lie up to
 * SETTLED_AFTER_MS after it (whole days, so a day is computed whole), and nothing past final_through is aggregated.
 */
export function purgeWindowEnd(cutoff: Date, finalThrough: Date): Date {
  const end = ceilDay(new Date(cutoff.getTime() + SETTLED_AFTER_MS));
  return end < finalThrough ? end : finalThrough;
}
