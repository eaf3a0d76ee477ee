import { json, type RequestHandler, urlencoded } from 'express';

/** The most any IVR route reads: Twilio's webhooks are a few kB, admin writes smaller. */
export const IVR_BODY_LIMIT = '64kb';

/*
 * The IVR's own body parsers, applied to its own routes only, so they work whatever the host set: with no body
 * parser at all they parse; after the host's parser they step aside (body-parser skips a body already read).
 */

/**
 * Twilio's form fields as it signed them: flat, no nested "a[b]" parsing. After a host's own parser (Nest's default
 * is `extended: true`) the host's parse stands; Twilio's field names are flat, so both read the same.
 */
export const twilioFormBody: RequestHandler = urlencoded({ extended: false, limit: IVR_BODY_LIMIT });

export const adminJsonBody: RequestHandler = json({ limit: IVR_BODY_LIMIT });
