import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorMessage, Loading } from '../../components/feedback';
import { Field } from '../../components/field';
import { useApi, useWrite } from '../../hooks';
import { useCanEdit } from '../../session';
import { Check, FormProblem, Status, ViewerNote } from './common';
import { settingsChanges, type SettingsForm, settingsFormOf } from './forms';
import type { Settings } from './types';

type TextSetting = Exclude<keyof SettingsForm, 'transcribeVoicemail' | 'prompts'>;

const TEXT_SETTINGS: readonly { name: TextSetting; label: string; hint: string; numeric?: boolean }[] = [
  {
    name: 'maxAttempts',
    label: 'Attempts before the operator',
    hint: '1 to 10 failed answers per call.',
    numeric: true,
  },
  { name: 'minConfidence', label: 'Minimum speech confidence', hint: '0 to 1.', numeric: true },
  { name: 'operatorNumber', label: 'Operator number', hint: 'E.164 or sip:; empty: a voicemail instead.' },
  { name: 'voice', label: 'Voice', hint: 'A Twilio voice such as Polly.Joanna.' },
  { name: 'language', label: 'Language', hint: 'The default language, such as en-US.' },
  { name: 'gatherTimeoutSeconds', label: 'Seconds to wait for an answer', hint: '1 to 30.', numeric: true },
  { name: 'dialTimeoutSeconds', label: 'Seconds to ring a department', hint: '5 to 600.', numeric: true },
];

/** "menuOptionDigit" → "Menu option digit". */
function promptLabel(key: string): string {
  const words = key.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The global settings and the caller prompts; a save sends only what changed, with the ETag it read. */
export function SettingsSection() {
  const canEdit = useCanEdit();
  const loaded = useApi<Settings>('/settings');
  const [form, setForm] = useState<SettingsForm>();
  const { busy, error, saved, run, setError, setSaved } = useWrite();
  useEffect(() => {
    if (loaded.data) setForm(settingsFormOf(loaded.data));
  }, [loaded.data]);

  const settings = loaded.data;
  if (!settings || !form)
    return (
      <>
        <h2>Settings and prompts</h2>
        <Loading when={loaded.loading} />
        <ErrorMessage error={loaded.error} />
      </>
    );

  const set = (change: Partial<SettingsForm>): void => setForm({ ...form, ...change });
  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    const changes = settingsChanges(settings, form);
    if (Object.keys(changes).length === 0) return setSaved('Nothing to save: no setting changed.');
    const written = await run(
      () => api<Settings>('/settings', { method: 'PATCH', body: changes, ifMatch: loaded.etag }),
      'Settings saved.',
    );
    if (written) loaded.reload();
  };
  const reload = (): void => {
    setError(undefined);
    setSaved(undefined);
    loaded.reload();
  };

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <h2>Settings and prompts</h2>
      {!canEdit && <ViewerNote />}
      <FormProblem error={error} onReload={reload} />
      <fieldset class="plain" disabled={!canEdit}>
        <section class="panel" aria-labelledby="settings-call">
          <h3 id="settings-call">Calls</h3>
          <div class="grid-fields">
            {TEXT_SETTINGS.map((setting) => (
              <Field key={setting.name} label={setting.label} name={setting.name} error={error} hint={setting.hint}>
                {(props) => (
                  <input
                    {...props}
                    inputMode={setting.numeric ? 'decimal' : undefined}
                    value={form[setting.name]}
                    onInput={(event) => set({ [setting.name]: event.currentTarget.value })}
                  />
                )}
              </Field>
            ))}
          </div>
          <Field label="Greeting" name="greeting" error={error} hint="Said first on every call, 1 to 500 characters.">
            {(props) => (
              <textarea
                {...props}
                rows={2}
                value={form.greeting}
                onInput={(event) => set({ greeting: event.currentTarget.value })}
              />
            )}
          </Field>
          <Check
            label="Transcribe voicemails"
            checked={form.transcribeVoicemail}
            onChange={(transcribeVoicemail) => set({ transcribeVoicemail })}
            hint="A paid Twilio feature, for recordings of at most 2 minutes."
          />
        </section>
        <section class="panel" aria-labelledby="settings-prompts">
          <h3 id="settings-prompts">Prompts</h3>
          <p class="hint">
            What callers hear at each step. Words in braces, such as {'{department}'}, are filled in; each prompt may
            use only its own.
          </p>
          <div class="grid-fields prompts">
            {Object.keys(form.prompts).map((key) => (
              <Field key={key} label={promptLabel(key)} name={`prompts.${key}`} error={error}>
                {(props) => (
                  <textarea
                    {...props}
                    rows={3}
                    value={form.prompts[key]}
                    onInput={(event) => set({ prompts: { ...form.prompts, [key]: event.currentTarget.value } })}
                  />
                )}
              </Field>
            ))}
          </div>
        </section>
      </fieldset>
      {canEdit && (
        <div class="actions sticky-actions">
          <button type="submit" disabled={busy}>
            Save settings
          </button>
          <Status text={saved} />
        </div>
      )}
    </form>
  );
}
