import { useEffect, useState } from 'preact/hooks';
import { api, type ApiError } from '../../api';
import { ErrorMessage, Loading } from '../../components/feedback';
import { useApi } from '../../hooks';
import { formatInstant } from './common';
import { describeAvailability } from './forms';
import type { Availability, Department, HeardMenu, HeardOption, LanguageTree, MenuTree } from './types';

const ACTIONS: Readonly<Record<string, string>> = {
  department: 'Department',
  menu: 'Submenu',
  operator: 'Operator',
  voicemail: 'Voicemail',
};

/** What a caller hears now, as the API computes it (read-only, for viewers too). */
export function PreviewSection() {
  const tree = useApi<MenuTree>('/menus/tree');
  const [language, setLanguage] = useState('');
  const languages = tree.data?.languages ?? [];
  const shown = languages.find((item) => item.language === language) ?? languages[0];
  return (
    <>
      <h2>What callers hear now</h2>
      <div class="toolbar">
        {languages.length > 1 && (
          <div class="field">
            <label for="preview-language">Language</label>
            <select id="preview-language" value={shown?.language} onChange={(e) => setLanguage(e.currentTarget.value)}>
              {languages.map((item) => (
                <option key={item.language} value={item.language}>
                  {item.name} ({item.language})
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="button" class="secondary" onClick={tree.reload} disabled={tree.loading}>
          Refresh
        </button>
      </div>
      <Loading when={tree.loading && !tree.data} />
      <ErrorMessage error={tree.error} />
      {tree.data && <p class="hint">As heard at {formatInstant(tree.data.at)}.</p>}
      {shown && <LanguagePreview tree={shown} />}
      <ClosedNow />
    </>
  );
}

function LanguagePreview({ tree }: { tree: LanguageTree }) {
  return (
    <>
      <section class="panel heard" aria-labelledby="heard-root">
        <h3 id="heard-root">Root menu</h3>
        <blockquote class="says" lang={tree.language}>
          <p>{tree.greeting}</p>
          {tree.menu.says.map((line, index) => (
            <p key={index}>{line}</p>
          ))}
        </blockquote>
        <OptionsTable menu={tree.menu} />
      </section>
      <Submenus menu={tree.menu} />
      {tree.missing.length > 0 && (
        <section class="panel" aria-labelledby="missing-texts">
          <h3 id="missing-texts">Not translated into {tree.name}</h3>
          <p class="hint">Callers in this language hear these in the default language.</p>
          <ul>
            {tree.missing.map((item, index) => (
              <li key={index}>
                {item.kind} {item.name ?? item.id ?? ''}: {item.field}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** Each submenu reachable from `menu`, depth first, as its own panel. */
function Submenus({ menu }: { menu: HeardMenu }) {
  const opened = menu.options.filter((option): option is HeardOption & { menu: HeardMenu } => !!option.menu);
  return (
    <>
      {opened.map((option) => (
        <section key={option.menu.id} class="panel heard" aria-label={`Submenu ${option.menu.name}`}>
          <h3>
            Submenu {option.menu.name}
            {option.digit !== null && <span class="muted"> (key {option.digit} above)</span>}
            {!option.menu.heard && <span class="badge"> not heard now</span>}
          </h3>
          <blockquote class="says">
            {option.menu.says.map((line, index) => (
              <p key={index}>{line}</p>
            ))}
          </blockquote>
          <OptionsTable menu={option.menu} />
          <Submenus menu={option.menu} />
        </section>
      ))}
    </>
  );
}

function OptionsTable({ menu }: { menu: HeardMenu }) {
  const keys = [menu.keys.back && '* back', menu.keys.repeat && '# repeat', menu.keys.operator && '0 operator'].filter(
    Boolean,
  );
  return (
    <>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Options of {menu.name}</caption>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Name</th>
              <th scope="col">Keywords</th>
              <th scope="col">Leads to</th>
              <th scope="col">Now</th>
            </tr>
          </thead>
          <tbody>
            {menu.options.map((option, index) => (
              <tr key={option.optionId ?? option.departmentId ?? index} class={option.heard ? undefined : 'inactive'}>
                <td>{option.digit ?? <span class="muted">none</span>}</td>
                <th scope="row">{option.name}</th>
                <td>{option.keywords.join(', ')}</td>
                <td>{ACTIONS[option.action] ?? option.action}</td>
                <td>{!option.heard ? 'Not heard' : option.closedNow ? 'Closed' : 'Heard'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {keys.length > 0 && <p class="hint">Standard keys: {keys.join(', ')}.</p>}
    </>
  );
}

/** Every active department's state now, with when it opens or closes next. */
function ClosedNow() {
  const departments = useApi<Department[]>('/departments');
  const [states, setStates] = useState<readonly { department: Department; availability: Availability }[]>();
  const [error, setError] = useState<ApiError | Error>();
  useEffect(() => {
    if (!departments.data) return;
    const active = departments.data.filter((department) => department.active);
    let current = true;
    Promise.all(
      active.map(async (department) => ({
        department,
        availability: (await api<Availability>(`/departments/${department.id}/availability`)).body,
      })),
    ).then(
      (result) => current && setStates(result),
      (failure: ApiError | Error) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [departments.data]);
  const closed = states?.filter((state) => !state.availability.open) ?? [];
  return (
    <section class="panel" aria-labelledby="closed-now">
      <h3 id="closed-now">Closed right now</h3>
      <ErrorMessage error={departments.error ?? error} />
      <Loading when={!states && !error && !departments.error} />
      {states && closed.length === 0 && <p aria-live="polite">Every active department is open.</p>}
      {closed.length > 0 && (
        <ul aria-live="polite">
          {closed.map(({ department, availability }) => (
            <li key={department.id}>
              <strong>{department.name}</strong>: {describeAvailability(availability, formatInstant)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
