import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, type ApiError } from '../api';
import { type ChartSeries, LineChart } from '../components/chart';
import { ErrorMessage, Loading } from '../components/feedback';
import { HeatMap } from '../components/heat-map';
import { usePolling } from '../hooks';
import {
  chartPoints,
  type ChartPoint,
  type DashboardRange,
  RANGE_KINDS,
  RANGE_LABELS,
  type RangeKind,
  rangeOf,
  startOfLocalDay,
  todayRange,
} from './dashboard-range';
import {
  browserTimeZone,
  type BusiestHours,
  formatCount,
  formatDecimal,
  formatDuration,
  formatShare,
  formatTime,
  OUTCOME_LABELS,
  OUTCOMES,
  type Summary,
  type Timeseries,
} from './reports';
import './dashboard.css';

const POLL_MS = 5000;

/** Line colours (3:1 or more on white) and dashes, so no line is told apart by colour alone. */
const LINES: Readonly<Record<(typeof OUTCOMES)[number] | 'inProgress', { color: string; dash?: number[] }>> = {
  connected: { color: '#1a7f37' },
  operator: { color: '#0b5cad', dash: [8, 4] },
  voicemail: { color: '#9a6700', dash: [2, 3] },
  abandoned: { color: '#8250df', dash: [10, 3, 2, 3] },
  failed: { color: '#a4161a', dash: [4, 4] },
  inProgress: { color: '#57606a', dash: [1, 5] },
};

export function DashboardPage() {
  const [kind, setKind] = useState<RangeKind>('day');
  const [weekByDay, setWeekByDay] = useState(false);
  const [anchor, setAnchor] = useState(() => new Date());
  const range = useMemo(() => rangeOf(kind, anchor, weekByDay), [kind, anchor, weekByDay]);
  const today = useLiveToday();
  const query = { from: range.from.toISOString(), to: range.to.toISOString() };
  // Today's figures are the live ones: the range "today" needs no second summary.
  const rangeSummary = useReport<Summary>(kind === 'day' ? null : '/reports/summary', query);
  const series = useReport<Timeseries>('/reports/timeseries', { ...query, interval: range.interval });
  const busiest = useReport<BusiestHours>('/reports/busiest-hours', { ...query, timeZone: browserTimeZone() });

  usePolling(() => {
    today.refresh();
    // Today's chart moves too; longer ranges change little in 5 s and cost more to read.
    if (kind !== 'day') return;
    if (todayRange(new Date()).from.getTime() !== range.from.getTime()) setAnchor(new Date());
    else series.reload();
  }, POLL_MS);

  const summary = kind === 'day' ? today.summary : rangeSummary.data;
  const pick = (next: RangeKind): void => {
    setKind(next);
    setAnchor(new Date());
  };

  return (
    <section class="dashboard">
      <h1>Dashboard</h1>
      <TodayFigures live={today} />

      <div class="toolbar">
        <fieldset class="range-picker">
          <legend>Range</legend>
          {RANGE_KINDS.map((option) => (
            <label key={option}>
              <input type="radio" name="range" value={option} checked={kind === option} onChange={() => pick(option)} />
              {RANGE_LABELS[option]}
            </label>
          ))}
        </fieldset>
        {kind === 'week' && (
          <div class="field">
            <label for="week-grouping">Show the week</label>
            <select
              id="week-grouping"
              value={weekByDay ? 'day' : 'hour'}
              onChange={(event) => setWeekByDay(event.currentTarget.value === 'day')}
            >
              <option value="hour">by hour</option>
              <option value="day">by day</option>
            </select>
          </div>
        )}
        {kind !== 'day' && (
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setAnchor(new Date());
              rangeSummary.reload();
              series.reload();
              busiest.reload();
            }}
          >
            Refresh
          </button>
        )}
      </div>

      <RangeFigures range={range} summary={summary} error={kind === 'day' ? today.error : rangeSummary.error} />
      <OutcomeChart range={range} series={series.data} error={series.error} />
      {summary && <DepartmentTable summary={summary} />}
      <BusiestHoursPanel range={range} busiest={busiest.data} error={busiest.error} />
    </section>
  );
}

interface Report<T> {
  /** The answer for the query asked now (never a previous range's), kept while it is read again. */
  readonly data: T | undefined;
  readonly error: ApiError | Error | undefined;
  readonly reload: () => void;
}

/** GETs a report for the range picked; unlike useApi, an answer for another range is never shown as this one's. */
function useReport<T>(path: string | null, query: Readonly<Record<string, string>>): Report<T> {
  const key = path === null ? null : `${path}?${new URLSearchParams(query).toString()}`;
  const [state, setState] = useState<{ key: string; data?: T; error?: ApiError | Error }>();
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (key === null || path === null) return;
    let current = true;
    api<T>(path, { query }).then(
      ({ body }) => current && setState({ key, data: body }),
      (error: ApiError | Error) =>
        current && setState((previous) => ({ key, data: previous?.key === key ? previous.data : undefined, error })),
    );
    return () => {
      current = false;
    };
    // The key holds the path and the query.
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const mine = state?.key === key ? state : undefined;
  return { data: mine?.data, error: mine?.error, reload };
}

interface LiveToday {
  readonly summary: Summary | undefined;
  readonly updatedAt: Date | undefined;
  readonly error: ApiError | Error | undefined;
  readonly range: { from: Date; to: Date };
  readonly refresh: () => void;
}

/** Today's summary (local day), read now and again on every poll; one request at a time. */
function useLiveToday(): LiveToday {
  const [state, setState] = useState<Omit<LiveToday, 'refresh'>>(() => ({
    summary: undefined,
    updatedAt: undefined,
    error: undefined,
    range: todayRange(new Date()),
  }));
  const busy = useRef(false);
  const refresh = useCallback(() => {
    if (busy.current) return;
    busy.current = true;
    const range = todayRange(new Date());
    api<Summary>('/reports/summary', { query: { from: range.from.toISOString(), to: range.to.toISOString() } })
      .then(
        ({ body }) => setState({ summary: body, updatedAt: new Date(), error: undefined, range }),
        (error: ApiError | Error) => setState((previous) => ({ ...previous, error })),
      )
      .finally(() => {
        busy.current = false;
      });
  }, []);
  useEffect(refresh, [refresh]);
  return { ...state, refresh };
}

function TodayFigures({ live }: { live: LiveToday }) {
  const summary = live.summary;
  return (
    <section
      class="panel today"
      aria-labelledby="today-heading"
      data-testid="today"
      data-from={live.range.from.toISOString()}
      data-to={live.range.to.toISOString()}
    >
      <h2 id="today-heading">Today, live</h2>
      {/* Only the figures are announced when they change; the clock beside them ticks silently. */}
      <div class="cards" aria-live="polite">
        <Figure label="Calls today" value={summary?.total} testId="today-total" />
        <Figure label="In progress" value={summary?.inProgress} testId="today-in-progress" />
      </div>
      <p class="figure-label updated">
        {live.updatedAt ? `Updated ${formatTime(live.updatedAt)}, every ${POLL_MS / 1000} s` : 'Loading…'}
      </p>
      <ErrorMessage error={live.error} />
    </section>
  );
}

function Figure({
  label,
  value,
  testId,
  text,
}: {
  label: string;
  value?: number | null;
  testId: string;
  text?: string;
}) {
  return (
    <div class="card">
      <div class="figure" data-testid={testId} data-value={value ?? ''}>
        {text ?? (value === undefined || value === null ? '—' : formatCount(value))}
      </div>
      <div class="figure-label">{label}</div>
    </div>
  );
}

function RangeFigures({
  range,
  summary,
  error,
}: {
  range: DashboardRange;
  summary: Summary | undefined;
  error: ApiError | Error | undefined;
}) {
  const mix = summary?.inputMix;
  const answers = mix ? mix.dtmf + mix.speech + mix.none : 0;
  const share = (count: number | undefined): string =>
    count === undefined || answers === 0 ? '' : ` (${formatShare(count / answers)})`;
  return (
    <section
      class="panel"
      aria-labelledby="range-heading"
      data-testid="range-summary"
      data-from={range.from.toISOString()}
      data-to={range.to.toISOString()}
    >
      <h2 id="range-heading">
        {RANGE_LABELS[range.kind]} <span class="range-dates">{datesOf(range)}</span>
      </h2>
      <ErrorMessage error={error} />
      <Loading when={!summary && !error} />
      {summary && (
        <>
          <div class="cards">
            <Figure label="Calls" value={summary.total} testId="range-total" />
            {OUTCOMES.map((outcome) => (
              <Figure
                key={outcome}
                label={OUTCOME_LABELS[outcome]}
                value={summary.byOutcome[outcome]}
                testId={`range-${outcome}`}
              />
            ))}
            <Figure label="In progress" value={summary.inProgress} testId="range-in-progress" />
            <Figure label="Met a closed department" value={summary.closed} testId="range-closed" />
          </div>
          <h3>Menu answers</h3>
          <dl class="facts">
            <dt>Low-confidence speech</dt>
            <dd data-testid="low-confidence-rate" data-value={summary.lowConfidenceRate ?? ''}>
              {summary.lowConfidenceRate === null ? 'No speech answers' : formatShare(summary.lowConfidenceRate)}
            </dd>
            <dt>Keypad</dt>
            <dd data-testid="input-dtmf" data-value={mix?.dtmf}>
              {formatCount(summary.inputMix.dtmf)}
              {share(mix?.dtmf)}
            </dd>
            <dt>Speech</dt>
            <dd data-testid="input-speech" data-value={mix?.speech}>
              {formatCount(summary.inputMix.speech)}
              {share(mix?.speech)}
            </dd>
            <dt>No input</dt>
            <dd data-testid="input-none" data-value={mix?.none}>
              {formatCount(summary.inputMix.none)}
              {share(mix?.none)}
            </dd>
            <dt>Average answers to reach a department</dt>
            <dd>{formatDecimal(summary.averageAttemptsToRoute)}</dd>
            <dt>Call length</dt>
            <dd>
              average {formatDuration(summary.durationSeconds.average)}, 95th percentile{' '}
              {formatDuration(summary.durationSeconds.p95)}
            </dd>
          </dl>
        </>
      )}
    </section>
  );
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** The range's days, the last one included ("to" is the next midnight). */
const datesOf = (range: DashboardRange): string =>
  range.kind === 'day'
    ? dayFormat.format(range.from)
    : dayFormat.formatRange(range.from, startOfLocalDay(range.to, -1));

const pointLabel = (point: ChartPoint, byDay: boolean): string =>
  new Intl.DateTimeFormat(
    undefined,
    byDay ? { dateStyle: 'medium' } : { dateStyle: 'short', timeStyle: 'short' },
  ).format(point.start);

function OutcomeChart({
  range,
  series,
  error,
}: {
  range: DashboardRange;
  series: Timeseries | undefined;
  error: ApiError | Error | undefined;
}) {
  const points = useMemo(() => (series ? chartPoints(series.buckets, range.grouping) : []), [series, range.grouping]);
  const times = useMemo(() => points.map((point) => point.start), [points]);
  const lines = useMemo<ChartSeries[]>(
    () => [
      ...OUTCOMES.map((outcome) => ({
        label: OUTCOME_LABELS[outcome],
        ...LINES[outcome],
        values: points.map((point) => point.byOutcome[outcome]),
      })),
      { label: 'In progress', ...LINES.inProgress, values: points.map((point) => point.inProgress) },
    ],
    [points],
  );
  const byDay = range.grouping !== 'hour';
  const unit = byDay ? (range.grouping === 'utc-day' ? 'day (UTC days)' : 'day') : 'hour';
  return (
    <section class="panel" aria-labelledby="chart-heading" data-testid="outcome-chart" data-points={points.length}>
      <h2 id="chart-heading">Outcomes by {unit}</h2>
      <ErrorMessage error={error} />
      <Loading when={!series && !error} />
      {series && (
        <>
          <LineChart
            label={`Calls by outcome per ${unit}, ${RANGE_LABELS[range.kind].toLowerCase()}: the numbers are in the table below`}
            times={times}
            series={lines}
            byDay={byDay}
          />
          <details>
            <summary>The chart's numbers</summary>
            <div class="table-wrap">
              <table class="chart-table" data-testid="chart-table">
                <thead>
                  <tr>
                    <th scope="col">{byDay ? 'Day' : 'Hour'}</th>
                    <OutcomeHeaders />
                    <th scope="col" class="number">
                      Total
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {points.map((point) => (
                    <tr key={point.start.getTime()}>
                      <th scope="row">{pointLabel(point, byDay)}</th>
                      <OutcomeCells counts={point} />
                      <td class="number">{formatCount(point.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}

function DepartmentTable({ summary }: { summary: Summary }) {
  return (
    <section class="panel" aria-labelledby="departments-heading">
      <h2 id="departments-heading">Per department</h2>
      {summary.byDepartment.length === 0 ? (
        <p>No departments.</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="departments">
            <thead>
              <tr>
                <th scope="col">Department</th>
                <th scope="col" class="number">
                  Calls
                </th>
                <OutcomeHeaders />
                <th scope="col" class="number">
                  Met it closed
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.byDepartment.map((department) => (
                <tr key={department.id} data-department-id={department.id}>
                  <th scope="row">
                    {department.name}
                    {!department.active && <span class="figure-label"> (inactive)</span>}
                  </th>
                  <td class="number">{formatCount(department.total)}</td>
                  <OutcomeCells counts={department} />
                  <td class="number">{formatCount(department.closed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function BusiestHoursPanel({
  range,
  busiest,
  error,
}: {
  range: DashboardRange;
  busiest: BusiestHours | undefined;
  error: ApiError | Error | undefined;
}) {
  return (
    <section class="panel" aria-labelledby="busiest-heading">
      <h2 id="busiest-heading">Busiest hours</h2>
      <ErrorMessage error={error} />
      <Loading when={!busiest && !error} />
      {busiest && (
        <HeatMap
          cells={busiest.cells}
          caption={`Calls by weekday and hour (${busiest.timeZone}), ${RANGE_LABELS[range.kind].toLowerCase()}`}
        />
      )}
    </section>
  );
}

/** The header cells of a row of calls by outcome: each outcome, then those in progress. */
function OutcomeHeaders() {
  return (
    <>
      {OUTCOMES.map((outcome) => (
        <th key={outcome} scope="col" class="number">
          {OUTCOME_LABELS[outcome]}
        </th>
      ))}
      <th scope="col" class="number">
        In progress
      </th>
    </>
  );
}

/** A row's calls by outcome, then those in progress, under OutcomeHeaders. */
function OutcomeCells({ counts }: { counts: Pick<ChartPoint, 'byOutcome' | 'inProgress'> }) {
  return (
    <>
      {OUTCOMES.map((outcome) => (
        <td key={outcome} class="number">
          {formatCount(counts.byOutcome[outcome])}
        </td>
      ))}
      <td class="number">{formatCount(counts.inProgress)}</td>
    </>
  );
}
