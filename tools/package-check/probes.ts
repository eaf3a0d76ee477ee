// What a running host must answer: the admin API behind its token, and Twilio's first webhook, signed.
import { randomUUID } from 'node:crypto';
import twilio from 'twilio';

export interface ProbeTarget {
  readonly baseUrl: string;
  readonly publicBaseUrl: string;
  readonly adminSecret: string;
  readonly twilioAuthToken: string;
}

/** Polls until the host accepts connections, or fails at the deadline or as soon as `exited` reports an exit. */
export async function waitUntilListening(
  baseUrl: string,
  deadlineMs: number,
  exited: () => string | null,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const exit = exited();
    if (exit !== null) throw new Error(`the host exited before it listened (${exit})`);
    try {
      await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`the host did not listen within ${deadlineMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

export async function expectAdminDepartments(target: ProbeTarget): Promise<void> {
  const response = await fetch(`${target.baseUrl}/admin/departments`, {
    headers: { Authorization: `Bearer ${target.adminSecret}` },
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET /admin/departments answered ${response.status}: ${body}`);
  if (!Array.isArray(JSON.parse(body))) throw new Error(`GET /admin/departments answered no list: ${body}`);
}

export async function expectIncomingCallTwiml(target: ProbeTarget): Promise<void> {
  const params = {
    CallSid: `CA${randomUUID().replace(/-/g, '')}`,
    AccountSid: 'AC00000000000000000000000000000000',
    From: '+15551230123',
    To: '+15559870000',
    CallStatus: 'ringing',
    Direction: 'inbound',
    ApiVersion: '2010-04-01',
  };
  const signature = twilio.getExpectedTwilioSignature(
    target.twilioAuthToken,
    `${target.publicBaseUrl}/voice/incoming`,
    params,
  );
  const response = await fetch(`${target.baseUrl}/voice/incoming`, {
    method: 'POST',
    headers: { 'X-Twilio-Signature': signature, 'I-Twilio-Idempotency-Token': randomUUID() },
    body: new URLSearchParams(params),
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`POST /voice/incoming answered ${response.status}: ${body}`);
  if (!/^\s*(<\?xml[^>]*>\s*)?<Response>/.test(body))
    throw new Error(`POST /voice/incoming answered no TwiML: ${body}`);
}

/** The console the package ships: its page, with the admin API's address filled in, and the script it loads. */
export async function expectConsolePage(target: ProbeTarget): Promise<void> {
  const response = await fetch(`${target.baseUrl}/console/`);
  const page = await response.text();
  if (response.status !== 200) throw new Error(`GET /console/ answered ${response.status}: ${page.slice(0, 200)}`);
  if (!page.includes('<meta name="ivr-admin-base" content="../admin"'))
    throw new Error(`GET /console/ answered a page without the admin base: ${page.slice(0, 300)}`);
  const script = /<script type="module" crossorigin src="\.\/(assets\/[^"]+\.js)"/.exec(page)?.[1];
  if (!script) throw new Error(`GET /console/ answered a page without its script: ${page.slice(0, 300)}`);
  const asset = await fetch(`${target.baseUrl}/console/${script}`);
  if (asset.status !== 200) throw new Error(`GET /console/${script} answered ${asset.status}`);
}
