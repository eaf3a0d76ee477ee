import type { CallSession } from './call-session.entity.js';

/** The session columns a webhook may set; the rest are the key or kept by the table and the write itself. */
export type SessionFields = Omit<CallSession, 'callSid' | 'createdAt' | 'updatedAt' | 'version'>;

/**
 * What one webhook changes on its call's session: the one type from decide() to the SQL that writes
 * it. A property left out (or undefined) stays as it is.
 */
export type SessionChange = { readonly [P in keyof SessionFields]?: SessionFields[P] };
