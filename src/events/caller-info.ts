import type { CallerLookupStatus } from '../call-sessions/call-session.entity.js';
import type { CallerInfo } from './call-hooks.js';

const MAX_NAME = 255;
const MAX_GREETING = 500;
const MAX_TAGS = 20;
const MAX_TAG = 64;

/** The caller hook's answer, and how the asking went. */
export interface CallerLookup {
  readonly status: CallerLookupStatus;
  readonly info: CallerInfo;
}

const text = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : undefined;

/**
 * What of a hook's answer the call can use: known fields of the right type, trimmed and bounded (a greeting is
 * spoken, a name and tags stored), anything else dropped. A host's code, or a remote service, may answer anything.
 */
export function callerInfoFrom(answer: unknown): CallerInfo {
  if (typeof answer !== 'object' || answer === null) return {};
  const { callerName, greeting, departmentId, tags } = answer as Record<string, unknown>;
  // Without semicolons, so a CSV export can list them in one field.
  const tagList = Array.isArray(tags)
    ? [
        ...new Set(
          tags.flatMap((tag) => text(typeof tag === 'string' ? tag.replaceAll(';', ' ') : tag, MAX_TAG) ?? []),
        ),
      ].slice(0, MAX_TAGS)
    : [];
  return {
    ...(text(callerName, MAX_NAME) ? { callerName: text(callerName, MAX_NAME) } : {}),
    ...(text(greeting, MAX_GREETING) ? { greeting: text(greeting, MAX_GREETING) } : {}),
    ...(text(departmentId, 64) ? { departmentId: text(departmentId, 64) } : {}),
    ...(tagList.length > 0 ? { tags: tagList } : {}),
  };
}
