import { PreconditionFailedError, PreconditionRequiredError } from './admin-errors.js';

/** A row's version as an HTTP entity tag. */
export function etagFor(version: number): string {
  return `"${version}"`;
}

/**
 * Optimistic concurrency for writes: If-Match must be present and name the current version
 * (or be "*"). Weak tags (W/"3") compare by their value.
 */
export function assertIfMatch(ifMatch: string | undefined, currentVersion: number): void {
  if (!ifMatch?.trim()) throw new PreconditionRequiredError();
  if (ifMatch.trim() === '*') return;
  const current = etagFor(currentVersion);
  const tags = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (!tags.includes(current)) throw new PreconditionFailedError(current);
}
