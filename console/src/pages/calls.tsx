import { useState } from 'preact/hooks';
import { ApiError, download } from '../api';
import { ErrorMessage, Loading } from '../components/feedback';
import { Field } from '../components/field';
import { DayRangeFields, FilterActions, useFilterValues } from '../components/filters';
import { Pager } from '../components/pager';
import { useApi } from '../hooks';
import { href, navigate } from '../router';
import { useCanEdit } from '../session';
import {
  type CallSessionRow,
  type Department,
  formatCount,
  formatDateTime,
  formatDuration,
  localMidnight,
  OUTCOME_LABELS,
  OUTCOMES,
  outcomeLabel,
  type Page,
} from './reports';
import './records.css';

const PAGE_SIZES = ['10', '25', '50', '100'] as const;
const DEFAULT_PAGE_SIZE = '50';

/** The call log's filters as the hash carries them: dates as the date inputs give them (local days). */
interface CallFilters {
  readonly from?: string;
  readonly to?: string;
  readonly outcome?: string;
  readonly departmentId?: string;
  readonly caller?: string;
  readonly limit?: string;
}

const FILTER_NAMES = ['from', 'to', 'outcome', 'departmentId', 'caller', 'limit'] as const;

function filtersOf(query: URLSearchParams, mayFilterByCaller: boolean): CallFilters {
  const filters: Record<string, string> = {};
  for (const name of FILTER_NAMES) {
    const value = query.get(name)?.trim();
    if (value) filters[name] = value;
  }
  // The API refuses a viewer's caller filter (numbers are masked for them): a shared link's is left out.
  if (!mayFilterByCaller) delete filters.caller;
  return filters;
}

/** The API's query for the filters: the "to" day is inclusive, so it ends at the next local midnight. */
function apiFilters(filters: CallFilters): Record<string, string | undefined> {
  return {
    from: localMidnight(filters.from)?.toISOString() ?? filters.from,
    to: localMidnight(filters.to, 1)?.toISOString() ?? filters.to,
    outcome: filters.outcome,
    departmentId: filters.departmentId,
    caller: filters.caller,
  };
}

export function CallsPage({ query }: { query: URLSearchParams }) {
  const isAdmin = useCanEdit();
  const filters = filtersOf(query, isAdmin);
  const cursor = query.get('cursor') ?? undefined;
  const page = Math.max(1, Number(query.get('page')) || 1);
  const calls = useApi<Page<CallSessionRow>>('/call-sessions', {
    ...apiFilters(filters),
    limit: filters.limit ?? DEFAULT_PAGE_SIZE,
    cursor,
  });
  const departments = useApi<Department[]>('/departments');
  const fieldError = calls.error instanceof ApiError && calls.error.fields.length > 0 ? calls.error : undefined;

  return (
    <section class="records">
      <h1>Calls</h1>
      <FilterForm
        key={JSON.stringify(filters)}
        filters={filters}
        departments={departments.data ?? []}
        callerFilter={isAdmin}
        error={fieldError}
      />
      <CsvExport filters={filters} />
      <ErrorMessage error={calls.error} />
      <Loading when={calls.loading && !calls.data} />
      {calls.data && (
        <>
          <CallTable rows={calls.data.items} />
          <Pager
            path="/calls"
            filters={{ ...filters }}
            page={page}
            nextCursor={calls.data.nextCursor}
            shown={calls.data.items.length}
          />
        </>
      )}
    </section>
  );
}

interface FilterFormProps {
  readonly filters: CallFilters;
  readonly departments: readonly Department[];
  readonly callerFilter: boolean;
  readonly error: ApiError | undefined;
}

function FilterForm({ filters, departments, callerFilter, error }: FilterFormProps) {
  const [values, set] = useFilterValues(filters);
  const submit = (event: Event): void => {
    event.preventDefault();
    navigate('/calls', { ...values, caller: values.caller?.trim() });
  };
  return (
    <form class="toolbar filters" onSubmit={submit} aria-label="Filter calls">
      <DayRangeFields values={values} set={set} error={error} />
      <Field label="Outcome" name="outcome" error={error}>
        {(props) => (
          <select {...props} value={values.outcome ?? ''} onChange={set('outcome')}>
            <option value="">Any</option>
            {OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {OUTCOME_LABELS[outcome]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Department" name="departmentId" error={error}>
        {(props) => (
          <select {...props} value={values.departmentId ?? ''} onChange={set('departmentId')}>
            <option value="">Any</option>
            {departments.map((department) => (
              <option key={department.id} value={department.id}>
                {department.name}
                {department.active ? '' : ' (inactive)'}
              </option>
            ))}
          </select>
        )}
      </Field>
      {callerFilter && (
        <Field label="Caller number" name="caller" error={error}>
          {(props) => (
            <input
              {...props}
              type="tel"
              inputMode="tel"
              autoComplete="off"
              placeholder="+15551230123"
              value={values.caller ?? ''}
              onInput={set('caller')}
            />
          )}
        </Field>
      )}
      <Field label="Rows per page" name="limit" error={error}>
        {(props) => (
          <select {...props} value={values.limit ?? DEFAULT_PAGE_SIZE} onChange={set('limit')}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FilterActions path="/calls" />
    </form>
  );
}

function CsvExport({ filters }: { filters: CallFilters }) {
  const [state, setState] = useState<{ busy: boolean; error?: Error }>({ busy: false });
  const start = (): void => {
    setState({ busy: true });
    download('/call-sessions', { ...apiFilters(filters), format: 'csv' }, 'call-sessions.csv').then(
      () => setState({ busy: false }),
      (error: Error) => setState({ busy: false, error }),
    );
  };
  return (
    <div class="export">
      <button type="button" class="secondary" onClick={start} disabled={state.busy}>
        {state.busy ? 'Exporting…' : 'Export CSV (every call of this filter)'}
      </button>
      <ErrorMessage error={state.error} />
    </div>
  );
}

function CallTable({ rows }: { rows: readonly CallSessionRow[] }) {
  if (rows.length === 0) return <p>No calls match these filters.</p>;
  return (
    <div class="table-wrap">
      <table data-testid="call-log">
        <caption class="visually-hidden">Calls, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Outcome</th>
            <th scope="col">Department</th>
            <th scope="col" class="number">
              Duration
            </th>
            <th scope="col" class="number">
              Answers
            </th>
            <th scope="col">Language</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.callSid} data-call-sid={row.callSid}>
              <td>
                <a href={href(`/calls/${encodeURIComponent(row.callSid)}`)} title={row.callSid}>
                  {formatDateTime(row.startedAt)}
                </a>
              </td>
              <td class="phone caller">{row.from ?? '—'}</td>
              <td class="phone">{row.to ?? '—'}</td>
              <td>
                <span class={`outcome outcome-${row.outcome ?? 'in-progress'}`}>{outcomeLabel(row.outcome)}</span>
              </td>
              <td>{row.department?.name ?? '—'}</td>
              <td class="number">{formatDuration(row.durationSeconds)}</td>
              <td class="number">{formatCount(row.attempts)}</td>
              <td>{row.language ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
