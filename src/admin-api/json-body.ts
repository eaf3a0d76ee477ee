/** Headers as Node hands them over. */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

/** Whether the request carries content: a chunked body, or a Content-Length above 0. */
function hasContent(headers: RequestHeaders): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = Number(headers['content-length']);
  return Number.isFinite(length) && length > 0;
}

/** The media type without its parameters ("application/json; charset=utf-8" is "application/json"), lower case. */
function mediaTypeOf(contentType: string | string[] | undefined): string {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return (value ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * The media type of a write's body when it is not JSON, or null: the admin API reads only JSON, and a form
 * (what `curl -d` sends unless told otherwise) would otherwise fail validation field by field. A request
 * without content (a DELETE, an empty POST) has nothing to refuse.
 */
export function nonJsonBodyType(method: string, headers: RequestHeaders): string | null {
  if (!WRITE_METHODS.has(method.toUpperCase()) || !hasContent(headers)) return null;
  const type = mediaTypeOf(headers['content-type']);
  return type === 'application/json' ? null : type || 'none';
}
