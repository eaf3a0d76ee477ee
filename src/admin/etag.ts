import { ApiHeader } from '@nestjs/swagger';
import type { Response } from 'express';
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

/** Sends a row's version as its ETag and answers the row as `toBody` shapes it. */
export function withEtag<Row extends { readonly version: number }, Body>(
  response: Response,
  row: Row,
  toBody: (row: Row) => Body,
): Body {
  response.setHeader('ETag', etagFor(row.version));
  return toBody(row);
}

/** Documents the If-Match header a write needs. */
export const ApiIfMatch = (description = 'The ETag from your last read, or *'): MethodDecorator & ClassDecorator =>
  ApiHeader({ name: 'If-Match', required: true, description });
