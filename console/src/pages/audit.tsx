import { ApiError } from '../api';
import { ErrorMessage, Loading } from '../components/feedback';
import { Field } from '../components/field';
import { DayRangeFields, FilterActions, useFilterValues } from '../components/filters';
import { Pager } from '../components/pager';
import { useApi } from '../hooks';
import { href, navigate } from '../router';
import { diffOf } from './audit-diff';
import { formatCount, formatDateTime, localMidnight, type Page } from './reports';
import './records.css';

/** The entities the audit log records (src/audit/dto/audit-log.dto.ts). */
const ENTITIES = [
  'department',
  'settings',
  'department_schedule',
  'holiday',
  'menu',
  'call_session',
  'webhook_endpoint',
] as const;

interface AuditEntry {
  readonly id: string;
  readonly occurredAt: string;
  readonly actor: string;
  readonly actorId: string | null;
  readonly role: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly requestId: string | null;
}

interface Verification {
  readonly ok: boolean;
  readonly entries: number;
  readonly brokenAt?: { readonly id: string; readonly reason: string };
}

interface AuditFilters {
  readonly entity?: string;
  readonly entityId?: string;
  readonly actor?: string;
  readonly from?: string;
  readonly to?: string;
}

const FILTER_NAMES = ['entity', 'entityId', 'actor', 'from', 'to'] as const;

function filtersOf(query: URLSearchParams): AuditFilters {
  const filters: Record<string, string> = {};
  for (const name of FILTER_NAMES) {
    const value = query.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

export function AuditPage({ query }: { query: URLSearchParams }) {
  const filters = filtersOf(query);
  const page = Math.max(1, Number(query.get('page')) || 1);
  const entries = useApi<Page<AuditEntry>>('/audit-log', {
    ...filters,
    // Whole local days, the "to" day included.
    from: localMidnight(filters.from)?.toISOString() ?? filters.from,
    to: localMidnight(filters.to, 1)?.toISOString() ?? filters.to,
    cursor: query.get('cursor'),
  });
  const fieldError = entries.error instanceof ApiError && entries.error.fields.length > 0 ? entries.error : undefined;
  return (
    <section class="records">
      <h1>Audit log</h1>
      <ChainVerification />
      <FilterForm key={JSON.stringify(filters)} filters={filters} error={fieldError} />
      <ErrorMessage error={entries.error} />
      <Loading when={entries.loading && !entries.data} />
      {entries.data && (
        <>
          {entries.data.items.length === 0 ? (
            <p>No entries match these filters.</p>
          ) : (
            <ol class="audit-entries" data-testid="audit-entries">
              {entries.data.items.map((entry) => (
                <AuditEntryView key={entry.id} entry={entry} />
              ))}
            </ol>
          )}
          <Pager
            path="/audit"
            filters={{ ...filters }}
            page={page}
            nextCursor={entries.data.nextCursor}
            shown={entries.data.items.length}
          />
        </>
      )}
    </section>
  );
}

function ChainVerification() {
  const verification = useApi<Verification>('/audit-log/verify');
  const result = verification.data;
  return (
    <section class="panel verification" aria-labelledby="verification-heading">
      <h2 id="verification-heading">Hash chain</h2>
      <div aria-live="polite" data-testid="chain-verification">
        {verification.loading ? (
          <p>Checking the chain…</p>
        ) : result?.ok ? (
          <p class="ok">Chain intact: {formatCount(result.entries)} entries</p>
        ) : result ? (
          <p class="error">
            Broken at entry {result.brokenAt?.id ?? '?'} ({result.brokenAt?.reason ?? 'unknown reason'}), after{' '}
            {formatCount(result.entries)} entries checked
          </p>
        ) : null}
        <ErrorMessage error={verification.error} />
      </div>
      <button type="button" class="secondary" onClick={verification.reload} disabled={verification.loading}>
        Verify again
      </button>
    </section>
  );
}

function FilterForm({ filters, error }: { filters: AuditFilters; error: ApiError | undefined }) {
  const [values, set] = useFilterValues(filters);
  const submit = (event: Event): void => {
    event.preventDefault();
    navigate('/audit', { ...values, entityId: values.entityId?.trim(), actor: values.actor?.trim() });
  };
  return (
    <form class="toolbar filters" onSubmit={submit} aria-label="Filter the audit log">
      <Field label="Entity" name="entity" error={error}>
        {(props) => (
          <select {...props} value={values.entity ?? ''} onChange={set('entity')}>
            <option value="">Any</option>
            {ENTITIES.map((entity) => (
              <option key={entity} value={entity}>
                {entity.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Entity id" name="entityId" error={error}>
        {(props) => <input {...props} value={values.entityId ?? ''} onInput={set('entityId')} autoComplete="off" />}
      </Field>
      <Field label="Actor (name or id)" name="actor" error={error}>
        {(props) => <input {...props} value={values.actor ?? ''} onInput={set('actor')} autoComplete="off" />}
      </Field>
      <DayRangeFields values={values} set={set} error={error} />
      <FilterActions path="/audit" />
    </form>
  );
}

function AuditEntryView({ entry }: { entry: AuditEntry }) {
  const changes = diffOf(entry.before, entry.after);
  return (
    <li class="card audit-entry" data-entry-id={entry.id}>
      <p class="audit-head">
        <strong class="audit-action">
          {entry.action} {entry.entity.replace(/_/g, ' ')}
        </strong>{' '}
        <a
          href={href('/audit', { entity: entry.entity, entityId: entry.entityId })}
          class="call-sid"
          title="This entity's history"
        >
          {entry.entityId}
        </a>
      </p>
      <p class="audit-meta">
        <span class="audit-actor">
          by {entry.actor} ({entry.role})
        </span>
        , {formatDateTime(entry.occurredAt)}, entry {entry.id}
        {entry.requestId && <span class="figure-label"> · request {entry.requestId}</span>}
      </p>
      {changes.length === 0 ? (
        <p class="figure-label">No field changed.</p>
      ) : (
        <ul class="diff" aria-label="Changes">
          {changes.map((change) => (
            <li key={change.field}>
              <code class="diff-field">{change.field}</code>:{' '}
              {change.before === undefined ? <span class="figure-label">—</span> : <del>{change.before}</del>} →{' '}
              {change.after === undefined ? <span class="figure-label">—</span> : <ins>{change.after}</ins>}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
