import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorMessage, Loading } from '../../components/feedback';
import { useApi, useWrite } from '../../hooks';
import { useCanEdit } from '../../session';
import { FocusedPanel, FormProblem, Status, ViewerNote } from './common';
import { DepartmentFields } from './department-fields';
import {
  createDepartmentBody,
  departmentChanges,
  departmentFormOf,
  type DepartmentForm,
  EMPTY_DEPARTMENT_FORM,
  withFieldNamed,
} from './forms';
import type { Department } from './types';

/** The departments: the list, a create form, and an edit form for the one chosen. */
export function DepartmentsSection() {
  const canEdit = useCanEdit();
  const list = useApi<Department[]>('/departments');
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <>
      <h2>Departments</h2>
      <Loading when={list.loading && !list.data} />
      <ErrorMessage error={list.error} />
      {list.data && <DepartmentTable departments={list.data} canEdit={canEdit} editing={editing} onEdit={setEditing} />}
      {!canEdit ? (
        <ViewerNote />
      ) : editing ? (
        <EditDepartment key={editing} id={editing} onChanged={list.reload} onClose={() => setEditing(null)} />
      ) : (
        <CreateDepartment onCreated={list.reload} />
      )}
    </>
  );
}

interface TableProps {
  readonly departments: readonly Department[];
  readonly canEdit: boolean;
  readonly editing: string | null;
  readonly onEdit: (id: string) => void;
}

function DepartmentTable({ departments, canEdit, editing, onEdit }: TableProps) {
  if (departments.length === 0) return <p>No departments yet: callers reach the operator.</p>;
  return (
    <div class="table-wrap">
      <table class="departments">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Name</th>
            <th scope="col">Phone number</th>
            <th scope="col">Keywords</th>
            <th scope="col" class="number">
              Threshold
            </th>
            <th scope="col" class="number">
              Position
            </th>
            <th scope="col">Menu</th>
            <th scope="col">Status</th>
            {canEdit && (
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {departments.map((department) => (
            <tr key={department.id} class={department.active ? undefined : 'inactive'}>
              <td>{department.digit ?? <span class="muted">none</span>}</td>
              <th scope="row">{department.name}</th>
              <td class="nowrap">{department.phoneNumber}</td>
              <td>{department.keywords.join(', ')}</td>
              <td class="number">{department.confidenceThreshold ?? <span class="muted">global</span>}</td>
              <td class="number">{department.position}</td>
              <td>{department.inRootMenu ? 'Root menu' : 'Submenus only'}</td>
              <td>{department.active ? 'Active' : 'Inactive'}</td>
              {canEdit && (
                <td>
                  <button
                    type="button"
                    class="secondary"
                    aria-label={`Edit ${department.name}`}
                    aria-pressed={editing === department.id}
                    onClick={() => onEdit(department.id)}
                  >
                    Edit
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CreateDepartment({ onCreated }: { onCreated: () => void }) {
  const [form, setForm] = useState<DepartmentForm>(EMPTY_DEPARTMENT_FORM);
  const { busy, error, saved, run, setError } = useWrite(withFieldNamed);
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const created = await run(
      () => api<Department>('/departments', { method: 'POST', body: createDepartmentBody(form) }),
      ({ body }) => `Created ${body.name}.`,
    );
    if (!created) return;
    setForm(EMPTY_DEPARTMENT_FORM);
    onCreated();
  };
  return (
    <section class="panel" aria-labelledby="new-department">
      <h2 id="new-department">Add a department</h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <FormProblem error={error} onReload={() => setError(undefined)} />
        <DepartmentFields form={form} onChange={setForm} error={error} creating />
        <div class="actions">
          <button type="submit" disabled={busy}>
            Add department
          </button>
        </div>
        <Status text={saved} />
      </form>
    </section>
  );
}

interface EditProps {
  readonly id: string;
  readonly onChanged: () => void;
  readonly onClose: () => void;
}

/** Reads the department for its ETag; every write sends it, so an edit made meanwhile is not overwritten. */
function EditDepartment({ id, onChanged, onClose }: EditProps) {
  const loaded = useApi<Department>(`/departments/${id}`);
  const [form, setForm] = useState<DepartmentForm>();
  const { busy, error, saved, run, setError, setSaved } = useWrite(withFieldNamed);
  const [confirming, setConfirming] = useState(false);
  // A reload (after a save or a 412) shows the department as it now is.
  useEffect(() => {
    if (loaded.data) setForm(departmentFormOf(loaded.data));
  }, [loaded.data]);

  const department = loaded.data;
  if (!department || !form)
    return (
      <section class="panel">
        <Loading when={loaded.loading} />
        <ErrorMessage error={loaded.error} />
      </section>
    );

  const write = async (body: Record<string, unknown> | null, done: string): Promise<void> => {
    const written = await run(
      () =>
        api<Department | null>(`/departments/${id}`, {
          method: body === null ? 'DELETE' : 'PATCH',
          body: body ?? undefined,
          ifMatch: loaded.etag,
        }),
      done,
    );
    setConfirming(false);
    if (!written) return;
    loaded.reload();
    onChanged();
  };
  const save = (event: Event): void => {
    event.preventDefault();
    const changes = departmentChanges(department, form);
    if (Object.keys(changes).length === 0) {
      setSaved('Nothing to save: no field changed.');
      return;
    }
    void write(changes, `Saved ${form.name}.`);
  };
  const reload = (): void => {
    setError(undefined);
    setSaved(undefined);
    loaded.reload();
  };

  return (
    <FocusedPanel title={`Edit ${department.name}`}>
      <form onSubmit={save} noValidate>
        <FormProblem error={error} onReload={reload} />
        {!department.active && <p class="notice">This department is inactive: callers do not hear it.</p>}
        <DepartmentFields form={form} onChange={setForm} error={error} creating={false} />
        <div class="actions">
          <button type="submit" disabled={busy}>
            Save changes
          </button>
          <button type="button" class="secondary" onClick={onClose}>
            Close
          </button>
          {department.active ? (
            <button type="button" class="danger" disabled={busy} onClick={() => setConfirming(true)}>
              Deactivate…
            </button>
          ) : (
            <button
              type="button"
              class="secondary"
              disabled={busy}
              onClick={() => void write({ active: true }, `Reactivated ${department.name}.`)}
            >
              Reactivate
            </button>
          )}
        </div>
        {confirming && (
          <div class="confirm" role="alertdialog" aria-labelledby="confirm-deactivate">
            <p id="confirm-deactivate">
              Deactivate {department.name}? Callers will no longer hear it and its key becomes free. Its calls stay in
              the history, and you can reactivate it later.
            </p>
            <button
              type="button"
              class="danger"
              disabled={busy}
              onClick={() => void write(null, `Deactivated ${department.name}.`)}
            >
              Deactivate {department.name}
            </button>{' '}
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        )}
        <Status text={saved} />
      </form>
    </FocusedPanel>
  );
}
