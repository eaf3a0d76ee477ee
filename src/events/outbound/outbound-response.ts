/** What one outbound POST came to. The client never throws: every failure is described here. */
export interface OutboundResponse {
  /**
   * The status of the last response read in full (or up to the size limit); null when none was: refused before
   * connecting, a network error, or a timeout, even one that struck while reading the body.
   */
  readonly statusCode: number | null;
  /** The response body as UTF-8, at most `maxResponseBytes` bytes of it. */
  readonly body: string;
  readonly bodyTruncated: boolean;
  readonly latencyMs: number;
  /** From a Retry-After header (delay-seconds or HTTP-date), in ms from when the response arrived. */
  readonly retryAfterMs: number | null;
  readonly error: string | null;
  /** Refused by policy (URL, address, redirect): the same request would be refused again. */
  readonly refused: boolean;
}
