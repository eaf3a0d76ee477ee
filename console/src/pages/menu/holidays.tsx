import { useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorMessage, Loading } from '../../components/feedback';
import { Field } from '../../components/field';
import { useApi, useWrite } from '../../hooks';
import { useCanEdit } from '../../session';
import { formatDate, FormProblem, Status, ViewerNote } from './common';
import { withFieldNamed } from './forms';
import type { Holiday } from './types';

/** Company-wide closed dates: every department that follows them is closed all day. */
export function HolidaysSection() {
  const canEdit = useCanEdit();
  const list = useApi<Holiday[]>('/holidays');
  const { busy, error, saved, run, setError } = useWrite();

  // A holiday's ETag is its version: no GET of one holiday is needed to delete it.
  const remove = async (holiday: Holiday): Promise<void> => {
    await run(
      () => api<null>(`/holidays/${holiday.id}`, { method: 'DELETE', ifMatch: `"${holiday.version}"` }),
      `Deleted ${holiday.name}.`,
    );
    list.reload();
  };

  return (
    <>
      <h2>Company holidays</h2>
      <p class="hint">
        Closed all day in each department’s own time zone, for departments that follow company holidays.
      </p>
      <Loading when={list.loading && !list.data} />
      <ErrorMessage error={list.error} />
      <FormProblem error={error} onReload={() => setError(undefined)} />
      {list.data?.length === 0 && <p>No holidays.</p>}
      {list.data && list.data.length > 0 && (
        <div class="table-wrap">
          <table class="holidays">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Name</th>
                {canEdit && (
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.data.map((holiday) => (
                <tr key={holiday.id}>
                  <td class="nowrap">
                    <time dateTime={holiday.date}>{formatDate(holiday.date)}</time>
                  </td>
                  <th scope="row">{holiday.name}</th>
                  {canEdit && (
                    <td>
                      <button
                        type="button"
                        class="secondary"
                        disabled={busy}
                        aria-label={`Delete ${holiday.name}`}
                        onClick={() => void remove(holiday)}
                      >
                        Delete
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Status text={saved} />
      {canEdit ? <AddHoliday onAdded={list.reload} /> : <ViewerNote />}
    </>
  );
}

function AddHoliday({ onAdded }: { onAdded: () => void }) {
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const { busy, error, saved, run, setError } = useWrite(withFieldNamed);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const added = await run(
      () => api<Holiday>('/holidays', { method: 'POST', body: { date, name } }),
      ({ body }) => `Added ${body.name}.`,
    );
    if (!added) return;
    setDate('');
    setName('');
    onAdded();
  };
  return (
    <section class="panel" aria-labelledby="new-holiday">
      <h2 id="new-holiday">Add a holiday</h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <FormProblem error={error} onReload={() => setError(undefined)} />
        <div class="toolbar">
          <Field label="Date" name="date" error={error}>
            {(props) => <input {...props} type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />}
          </Field>
          <Field label="Name" name="name" error={error}>
            {(props) => (
              <input
                {...props}
                maxLength={100}
                placeholder="Christmas Day"
                value={name}
                onInput={(e) => setName(e.currentTarget.value)}
              />
            )}
          </Field>
          <button type="submit" disabled={busy}>
            Add holiday
          </button>
        </div>
        <Status text={saved} />
      </form>
    </section>
  );
}
