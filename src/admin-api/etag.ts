import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { PreconditionFailedError, PreconditionRequiredError } from './admin-errors.js';

/** A row's version as an HTTP entity tag. */
export function etagFor(version: number): string {
  return `"${version}"`;
}

/** One If-Match entry as a strong tag: weak tags (W/"3") compare by their value, a bare version (3) is its tag. */
function normalizedTag(entry: string): string {
  const tag = entry.trim().replace(/^W\//, '');
  return /^[0-9]+$/.test(tag) ? `"${tag}"` : tag;
}

/**
 * Optimistic concurrency for writes: If-Match must be present and name the current version
 * (or be "*"). A bare version (If-Match: 3, as people type it) is taken for its tag.
 */
export function assertIfMatch(ifMatch: string | undefined, currentVersion: number): void {
  if (!ifMatch?.trim()) throw new PreconditionRequiredError();
  if (ifMatch.trim() === '*') return;
  const current = etagFor(currentVersion);
  if (!ifMatch.split(',').map(normalizedTag).includes(current)) throw new PreconditionFailedError(current);
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

/** Documents the If-Match header a write needs, and the 428 without it. */
export const ApiIfMatch = (description = 'The ETag from your last read, or *'): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiHeader({ name: 'If-Match', required: true, description }),
    ApiResponse({ status: 428, description: 'No If-Match: send the ETag from your last read (or *)' }),
  );
