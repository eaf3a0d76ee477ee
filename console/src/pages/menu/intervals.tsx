import type { Interval } from './types';
import { NEW_INTERVAL } from './forms';

const TIME_PATTERN = '([01][0-9]|2[0-3]):[0-5][0-9]|24:00';

interface IntervalsProps {
  /** Names the inputs for screen readers: "Monday", "24 December". */
  readonly label: string;
  readonly intervals: readonly Interval[];
  readonly onChange: (intervals: readonly Interval[]) => void;
  readonly disabled: boolean;
}

/** A day's open intervals, each "opens – closes" (HH:MM, 24-hour), with buttons to add and remove one. */
export function Intervals({ label, intervals, onChange, disabled }: IntervalsProps) {
  const change = (index: number, edit: Partial<Interval>): void =>
    onChange(intervals.map((interval, at) => (at === index ? { ...interval, ...edit } : interval)));
  return (
    <div class="intervals">
      {intervals.length === 0 && <span class="muted">Closed</span>}
      {intervals.map((interval, index) => (
        <span class="interval" key={index}>
          <input
            class="time"
            aria-label={`${label}, interval ${index + 1}, opens`}
            inputMode="numeric"
            pattern={TIME_PATTERN}
            placeholder="09:00"
            size={5}
            disabled={disabled}
            value={interval.opens}
            onInput={(event) => change(index, { opens: event.currentTarget.value })}
          />
          <span aria-hidden="true">–</span>
          <input
            class="time"
            aria-label={`${label}, interval ${index + 1}, closes`}
            inputMode="numeric"
            pattern={TIME_PATTERN}
            placeholder="17:00"
            size={5}
            disabled={disabled}
            value={interval.closes}
            onInput={(event) => change(index, { closes: event.currentTarget.value })}
          />
          {!disabled && (
            <button
              type="button"
              class="link"
              aria-label={`Remove ${label}, interval ${index + 1}`}
              onClick={() => onChange(intervals.filter((_, at) => at !== index))}
            >
              Remove
            </button>
          )}
        </span>
      ))}
      {!disabled && (
        <button
          type="button"
          class="link"
          aria-label={`Add hours to ${label}`}
          onClick={() => onChange([...intervals, intervals.length === 0 ? NEW_INTERVAL : { opens: '', closes: '' }])}
        >
          Add hours
        </button>
      )}
    </div>
  );
}
