import { useState } from 'preact/hooks';
import type { ApiError } from '../api';
import { href } from '../router';
import { Field } from './field';

type Setter<F> = (name: keyof F) => (event: Event) => void;

/** A filter form's values as typed, before Apply puts them in the address. */
export function useFilterValues<F extends object>(filters: F): [F, Setter<F>] {
  const [values, setValues] = useState<F>(filters);
  const set: Setter<F> = (name) => (event) => {
    const value = (event.currentTarget as HTMLInputElement | HTMLSelectElement).value;
    setValues((previous) => ({ ...previous, [name]: value }));
  };
  return [values, set];
}

interface DayRange {
  readonly from?: string;
  readonly to?: string;
}

/** The from and to days of a filter (local days; "to" included), with the API's messages for `from` and `to`. */
export function DayRangeFields<F extends DayRange>({
  values,
  set,
  error,
}: {
  values: F;
  set: Setter<F>;
  error: ApiError | undefined;
}) {
  return (
    <>
      <Field label="From (day)" name="from" error={error}>
        {(props) => <input {...props} type="date" value={values.from ?? ''} onInput={set('from')} />}
      </Field>
      <Field label="To (day, included)" name="to" error={error}>
        {(props) => <input {...props} type="date" value={values.to ?? ''} onInput={set('to')} />}
      </Field>
    </>
  );
}

/** Apply, and Clear back to the unfiltered page at `path`. */
export function FilterActions({ path }: { path: string }) {
  return (
    <div class="filter-actions">
      <button type="submit">Apply</button>
      <a class="button-link" href={href(path)}>
        Clear
      </a>
    </div>
  );
}
