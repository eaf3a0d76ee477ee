// The admin API as the console calls it: the one contract the console shares with curl users.

/** One invalid field of a 400, as the API names it (`options.2.digit`) with its messages. */
export interface FieldError {
  readonly field: string;
  readonly messages: readonly string[];
}

/** An answer other than 2xx, with what the API said about it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | undefined,
    readonly fields: readonly FieldError[],
    readonly body: unknown,
  ) {
    super(message);
  }

  /** Someone else changed the resource since it was read (If-Match did not match). */
  get isConflict(): boolean {
    return this.status === 412;
  }

  /** The messages of one field (and of its sub-fields), for showing beside it. */
  messagesFor(field: string): string[] {
    return this.fields
      .filter((error) => error.field === field || error.field.startsWith(`${field}.`))
      .flatMap((error) => error.messages);
  }
}

export interface ApiResponse<T> {
  readonly body: T;
  /** The resource's version, for If-Match on the next change. */
  readonly etag: string | null;
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly body?: unknown;
  readonly ifMatch?: string | null;
  readonly query?: Readonly<Record<string, string | number | undefined | null>>;
}

const TOKEN_KEY = 'ivr-console-token';

/** The admin API's base URL: the server writes it into the page (relative to the page, so any mount path works). */
export function adminBase(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="ivr-admin-base"]');
  const base = new URL(meta?.content ?? '../admin', document.baseURI).toString();
  return base.replace(/\/+$/, '');
}

/** The bearer token typed at sign-in: kept for this tab only (gone when it closes). */
export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

/** Listeners told when the API answers 401 (the token was revoked, the host session ended). */
const signedOutListeners = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const url = new URL(`${adminBase()}${path}`);
  for (const [name, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
  return url.toString();
}

function headers(options: RequestOptions, token: string | null): Headers {
  const result = new Headers({ Accept: 'application/json' });
  if (token) result.set('Authorization', `Bearer ${token}`);
  if (options.body !== undefined) result.set('Content-Type', 'application/json');
  if (options.ifMatch) result.set('If-Match', options.ifMatch);
  return result;
}

async function errorOf(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const record = (body ?? {}) as { message?: unknown; code?: unknown; fields?: unknown };
  const message =
    typeof record.message === 'string'
      ? record.message
      : Array.isArray(record.message)
        ? record.message.join('; ')
        : `${response.status} ${response.statusText}`;
  const fields = Array.isArray(record.fields) ? (record.fields as FieldError[]) : [];
  return new ApiError(
    response.status,
    message,
    typeof record.code === 'string' ? record.code : undefined,
    fields,
    body,
  );
}

/** Calls the admin API with the tab's token (or the host's session cookie when there is none). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const token = tokenStore.get();
  const response = await fetch(apiUrl(path, options.query), {
    method: options.method ?? 'GET',
    headers: headers(options, token),
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401) for (const listener of signedOutListeners) listener();
    throw error;
  }
  const body = (response.status === 204 ? null : await response.json()) as T;
  return { body, etag: response.headers.get('ETag') };
}

/** Downloads a CSV the API makes (fetch, so the bearer token goes along), saved under the API's file name. */
export async function download(path: string, query: RequestOptions['query'], fallbackName: string): Promise<void> {
  const token = tokenStore.get();
  const response = await fetch(apiUrl(path, query), {
    headers: headers({}, token),
    credentials: 'same-origin',
  });
  if (!response.ok) throw await errorOf(response);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(link.href);
}

/** Who is signed in, as GET /admin/me answers. */
export interface Actor {
  readonly id: string;
  readonly name: string;
  readonly role: 'admin' | 'viewer';
}
