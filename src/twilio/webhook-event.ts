import type { CallStatus, DialCallStatus, TranscriptionStatus } from './twilio-statuses.js';

/**
 * Twilio's voice webhooks, one per kind; the kind is also the route under /voice, the receipt's
 * endpoint and the spool's tag. A new callback starts here.
 */
export const WEBHOOK_KINDS = [
  'incoming',
  'gather',
  'dial-status',
  'voicemail',
  'recording',
  'transcription',
  'status',
  'fallback',
] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

/** Where the standalone server serves the webhooks. */
export const DEFAULT_VOICE_PATH = '/voice';

/** A webhook's absolute path, under the path the app serves the webhooks at (a host may add a prefix). */
export function webhookPath(kind: WebhookKind, voicePath: string = DEFAULT_VOICE_PATH): string {
  return `${voicePath}/${kind}`;
}

/** The path the webhooks are served at, from one webhook's original URL: `/api/voice/gather?round=1` → `/api/voice`. */
export function voicePathOf(originalUrl: string): string {
  // The path only (an absolute-form request line names a host too), without the trailing slash Express tolerates.
  const path = new URL(originalUrl, 'http://localhost').pathname.replace(/\/+$/, '');
  return path.slice(0, path.lastIndexOf('/'));
}

/** Who is calling, as every voice webhook says. */
export interface WebhookCall {
  readonly callSid: string;
  readonly accountSid?: string;
  readonly from?: string;
  readonly to?: string;
}

/** The facts of one delivery, not sent in the form: when it arrived and how to recognise its retries. */
export interface WebhookDelivery {
  /** The arrival time (from the injected clock); decisions about the call are made as of this moment. */
  readonly receivedAt: Date;
  /** Twilio's I-Twilio-Idempotency-Token: a retry of the same delivery carries the same one. */
  readonly idempotencyToken?: string;
  readonly requestId: string;
  /** The path the webhooks arrived under (a host's global prefix included): TwiML's action URLs start with it. */
  readonly voicePath?: string;
}

/** What each kind of webhook says beyond the call's identity. */
export type WebhookInput =
  | {
      readonly kind: 'incoming';
      /** Twilio's FromCountry (ISO 3166, upper case): may pick the caller's language, never identifies them. */
      readonly fromCountry?: string;
    }
  | {
      readonly kind: 'gather';
      /** The menu round the Gather belonged to (from its action URL); absent on a bare /voice/gather. */
      readonly round?: number;
      /** The submenus and language the Gather was read in (from its action URL): for answering without the database. */
      readonly menuPath?: readonly string[];
      readonly language?: string;
      readonly digits?: string;
      readonly speechResult?: string;
      /** Absent when Twilio sent none: unknown, not zero. */
      readonly confidence?: number;
    }
  | {
      readonly kind: 'dial-status';
      readonly status: DialCallStatus;
      readonly dialCallSid?: string;
      readonly durationSeconds?: number;
    }
  | { readonly kind: 'voicemail' }
  | {
      readonly kind: 'recording';
      readonly recordingSid: string;
      readonly recordingUrl?: string;
      readonly durationSeconds?: number;
      readonly status?: string;
    }
  | {
      /** The `<Record>`'s transcribeCallback: may come minutes after the call ended. */
      readonly kind: 'transcription';
      readonly transcriptionSid: string;
      readonly status: TranscriptionStatus;
      /** Absent when Twilio sent none (a failed transcription has none). */
      readonly text?: string;
      readonly transcriptionUrl?: string;
      readonly recordingSid?: string;
    }
  | {
      readonly kind: 'status';
      readonly status: CallStatus;
      readonly durationSeconds?: number;
      /** Twilio's RFC 2822 Timestamp, when sent. */
      readonly timestamp?: string;
      /** Twilio's SequenceNumber: the order the call's status callbacks were sent in (arrival order may differ). */
      readonly sequenceNumber?: number;
    }
  | { readonly kind: 'fallback'; readonly errorCode?: string; readonly errorUrl?: string };

/** A parsed, validated webhook: built once in the controller, handled, spooled and replayed as it is. */
export type WebhookEvent = WebhookCall & WebhookDelivery & WebhookInput;

export type WebhookEventOf<K extends WebhookKind> = Extract<WebhookEvent, { readonly kind: K }>;

export function isWebhookKind(value: unknown): value is WebhookKind {
  return (WEBHOOK_KINDS as readonly unknown[]).includes(value);
}
