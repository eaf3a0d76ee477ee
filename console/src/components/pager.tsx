import './pager.css';
import { href } from '../router';

export interface PagerProps {
  /** The route the pages are on, e.g. `/calls`. */
  readonly path: string;
  /** The filters every page keeps (without cursor and page). */
  readonly filters: Readonly<Record<string, string | undefined>>;
  /** 1 on the first page; the hash carries it for the label only (cursors cannot count). */
  readonly page: number;
  readonly nextCursor: string | null;
  readonly shown: number;
}

/** Keyset pages: forward with the API's nextCursor, or back to the first; both are links, so each page is one. */
export function Pager({ path, filters, page, nextCursor, shown }: PagerProps) {
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 && (
        <a class="pager-link" href={href(path, filters)}>
          ← First page
        </a>
      )}
      <span class="pager-where" aria-live="polite">
        Page {page}, {shown} {shown === 1 ? 'row' : 'rows'}
      </span>
      {nextCursor && (
        <a class="pager-link" href={href(path, { ...filters, cursor: nextCursor, page: String(page + 1) })} rel="next">
          Next page →
        </a>
      )}
    </nav>
  );
}
