// What the simulator prints at the end of a call: the path taken, the caller's experience beside the server's record.
import type { CallerInput, DialResult } from './call-script.js';

/** An admin API token; a development one is safe to print in a ready-made command. */
export interface ReportToken {
  readonly secret: string;
  readonly development: boolean;
}

/** The outcome the server stored for the call, or why it could not be read. */
export type StoredOutcome =
  { readonly read: true; readonly outcome: string | null } | { readonly read: false; readonly reason: string };

export interface CallExperience {
  readonly outcome: 'connected' | 'voicemail' | 'abandoned';
  readonly connectedTo: string | null;
}

/** One step of a call as the caller went through it. */
export type PathStep =
  /** The choice of language; language null: not answered (the server's default). */
  | { readonly kind: 'language'; readonly language: string | null; readonly input: CallerInput }
  /** The answer to a menu round. */
  | { readonly kind: 'answer'; readonly input: CallerInput }
  | { readonly kind: 'dial'; readonly target: string; readonly result: DialResult }
  | { readonly kind: 'voicemail' };

function answered(input: CallerInput): string {
  switch (input.kind) {
    case 'digits':
      return input.digits;
    case 'speech':
      return `"${input.text}"`;
    case 'silence':
      return '(silence)';
  }
}

function stepText(step: PathStep): string {
  switch (step.kind) {
    case 'language':
      return step.language === null ? 'language: default' : `language ${step.language} (${answered(step.input)})`;
    case 'answer':
      return answered(step.input);
    case 'dial':
      return `dial ${step.target} (${step.result === 'completed' ? 'answered' : step.result})`;
    case 'voicemail':
      return 'voicemail';
  }
}

/** `Path: language es-MX (2) → 2 → * → 1 → dial +15555550101 (answered)`: the answers round by round. */
export function pathLine(path: readonly PathStep[]): string {
  return `Path: ${path.length > 0 ? path.map(stepText).join(' → ') : '(no menu)'}`;
}

export function callEndedLine(call: CallExperience, stored: StoredOutcome): string {
  const experienced = call.connectedTo ? `connected to ${call.connectedTo}` : call.outcome;
  const record = stored.read
    ? `stored outcome: ${stored.outcome ?? 'none yet'}`
    : `stored outcome not read: ${stored.reason}`;
  return `Call ended: ${experienced} (${record})`;
}

/** A command that opens the report as printed; without a printable token, what is missing. */
export function reportLine(reportUrl: string, token: ReportToken | null): string {
  if (token?.development) return `Report: curl -H "Authorization: Bearer ${token.secret}" ${reportUrl}`;
  return `Report: curl -H "Authorization: Bearer <admin token>" ${reportUrl} (needs an admin token from ADMIN_TOKENS)`;
}

/** GET /admin/call-sessions/:callSid with the token; never throws (the call itself went through). */
export async function readStoredOutcome(reportUrl: string, token: ReportToken | null): Promise<StoredOutcome> {
  if (!token)
    return {
      read: false,
      reason: 'no admin token (set ADMIN_TOKENS, or start the server once so it writes DATA_DIR/admin-token)',
    };
  const path = new URL(reportUrl).pathname;
  try {
    const response = await fetch(reportUrl, { headers: { Authorization: `Bearer ${token.secret}` } });
    if (!response.ok) return { read: false, reason: `GET ${path} answered HTTP ${response.status}` };
    const body = (await response.json()) as { outcome?: unknown };
    if (body.outcome !== null && typeof body.outcome !== 'string')
      return { read: false, reason: `GET ${path} answered without an outcome` };
    return { read: true, outcome: body.outcome };
  } catch (error) {
    return { read: false, reason: `GET ${path} failed: ${(error as Error).message}` };
  }
}
