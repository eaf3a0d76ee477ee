import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import type { ApiError } from '../api';

export interface FieldProps {
  readonly label: string;
  /** The API's name of the field, to show its validation messages beside it. */
  readonly name: string;
  readonly error?: ApiError | Error;
  readonly hint?: string;
  /** The input, given the id and aria attributes to use. */
  readonly children: (props: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: boolean;
  }) => ComponentChildren;
}

/** A labelled input with the API's messages for its field beside it. */
export function Field({ label, name, error, hint, children }: FieldProps) {
  const id = useId();
  const messages = error && 'messagesFor' in error ? error.messagesFor(name) : [];
  const described = [hint ? `${id}-hint` : '', messages.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={messages.length ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {children({ id, 'aria-describedby': described || undefined, 'aria-invalid': messages.length > 0 || undefined })}
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
      {messages.length > 0 && (
        <ul id={`${id}-error`} class="field-error" data-field={name}>
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
