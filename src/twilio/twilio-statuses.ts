/** The values Twilio sends in `DialCallStatus`, `CallStatus` and `TranscriptionStatus` (see TWILIO.md). */

export const DIAL_CONNECTED_STATUSES = ['completed', 'answered'] as const;
export const DIAL_STATUSES = [...DIAL_CONNECTED_STATUSES, 'busy', 'no-answer', 'failed', 'canceled'] as const;
export type DialCallStatus = (typeof DIAL_STATUSES)[number];

/** A call on its way, in the order it goes through them. */
export const PROGRESS_CALL_STATUSES = ['queued', 'initiated', 'ringing', 'in-progress'] as const;
/** A call that has ended: no later status replaces one. */
export const FINAL_CALL_STATUSES = ['completed', 'busy', 'failed', 'no-answer', 'canceled'] as const;
export const CALL_STATUSES = [...PROGRESS_CALL_STATUSES, ...FINAL_CALL_STATUSES] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const TRANSCRIPTION_STATUSES = ['completed', 'failed'] as const;
export type TranscriptionStatus = (typeof TRANSCRIPTION_STATUSES)[number];
