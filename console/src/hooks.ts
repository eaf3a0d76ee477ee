import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, type ApiError, type RequestOptions } from './api';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly etag: string | null;
  readonly error: ApiError | Error | undefined;
  readonly loading: boolean;
  readonly reload: () => void;
}

/** GETs `path` (again whenever it or the query changes, or on reload), keeping the last answer while reloading. */
export function useApi<T>(path: string | null, query?: RequestOptions['query']): Loaded<T> {
  const [state, setState] = useState<Omit<Loaded<T>, 'reload'>>({
    data: undefined,
    etag: null,
    error: undefined,
    loading: path !== null,
  });
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(query ?? {});
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    api<T>(path, { query: JSON.parse(key) as RequestOptions['query'] }).then(
      (response) => current && setState({ data: response.body, etag: response.etag, error: undefined, loading: false }),
      (error: ApiError | Error) => current && setState((previous) => ({ ...previous, error, loading: false })),
    );
    return () => {
      current = false;
    };
  }, [path, key, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}

/** Calls `tick` every `ms` while the tab is visible (and once at once), for figures that update live. */
export function usePolling(tick: () => void, ms: number): void {
  const saved = useRef(tick);
  saved.current = tick;
  useEffect(() => {
    const run = (): void => {
      if (document.visibilityState === 'visible') saved.current();
    };
    const timer = setInterval(run, ms);
    document.addEventListener('visibilitychange', run);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', run);
    };
  }, [ms]);
}

export interface Write {
  readonly busy: boolean;
  /** The last write's failure, as `shape` made it (e.g. with the field a 409 is about). */
  readonly error: ApiError | Error | undefined;
  /** What the last write did ("Saved Sales."), for a status line. */
  readonly saved: string | undefined;
  /**
   * Runs `work` (an API call): busy meanwhile, then `done` (of its result) or its error. Resolves whether it
   * succeeded, for what the form does next (close, reload, clear).
   */
  readonly run: <T>(work: () => Promise<T>, done: string | ((result: T) => string)) => Promise<boolean>;
  readonly setError: (error: ApiError | Error | undefined) => void;
  readonly setSaved: (saved: string | undefined) => void;
}

/** A form's writes to the API: one at a time, each leaving what it did or why it failed. */
export function useWrite(shape: (error: ApiError | Error) => ApiError | Error = (error) => error): Write {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error>();
  const [saved, setSaved] = useState<string>();
  const run = async <T>(work: () => Promise<T>, done: string | ((result: T) => string)): Promise<boolean> => {
    setBusy(true);
    setSaved(undefined);
    try {
      const result = await work();
      setError(undefined);
      setSaved(typeof done === 'string' ? done : done(result));
      return true;
    } catch (failure) {
      setError(shape(failure as ApiError | Error));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, saved, run, setError, setSaved };
}
