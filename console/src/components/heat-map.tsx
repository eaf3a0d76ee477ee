import { HEAT_LEVELS, heatLevel } from './heat-level';
import './heat-map.css';

export interface HeatMapCell {
  /** 1 = Monday … 7 = Sunday (ISO). */
  readonly weekday: number;
  /** 0-23. */
  readonly hour: number;
  readonly calls: number;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
// 2024-01-01 was a Monday: weekday n is 2024-01-0n.
const weekdayName = (weekday: number, width: 'long' | 'short'): string =>
  new Intl.DateTimeFormat(undefined, { weekday: width, timeZone: 'UTC' }).format(Date.UTC(2024, 0, weekday));

const hourName = (hour: number): string => String(hour).padStart(2, '0');

/** Calls by weekday and hour as a table: a number in every cell, its shade only a help to the eye. */
export function HeatMap({ cells, caption }: { cells: readonly HeatMapCell[]; caption: string }) {
  const counts = new Map(cells.map((cell) => [`${cell.weekday}:${cell.hour}`, cell.calls]));
  const busiest = Math.max(0, ...cells.map((cell) => cell.calls));
  return (
    <>
      {/* Said above the scrolling box, where a narrow screen shows all of it; the caption names the table. */}
      <p class="heat-caption" aria-hidden="true">
        {caption}
      </p>
      <div class="table-wrap">
        <table class="heat-map" data-testid="heat-map">
          <caption class="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <td />
              {HOURS.map((hour) => (
                <th key={hour} scope="col" class="number">
                  <abbr title={`${hourName(hour)}:00 to ${hourName(hour)}:59`}>{hourName(hour)}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((weekday) => (
              <tr key={weekday}>
                <th scope="row">
                  <abbr title={weekdayName(weekday, 'long')}>{weekdayName(weekday, 'short')}</abbr>
                </th>
                {HOURS.map((hour) => {
                  const calls = counts.get(`${weekday}:${hour}`) ?? 0;
                  return (
                    <td
                      key={hour}
                      class={`number heat-${heatLevel(calls, busiest)}`}
                      data-weekday={weekday}
                      data-hour={hour}
                    >
                      {calls}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="heat-legend" aria-hidden="true">
        Fewer
        {Array.from({ length: HEAT_LEVELS + 1 }, (_, level) => (
          <span key={level} class={`heat-swatch heat-${level}`} />
        ))}
        More (busiest hour: {busiest} calls)
      </p>
    </>
  );
}
