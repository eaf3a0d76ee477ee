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
