import { randomBytes, randomUUID } from 'node:crypto';
import twilio from 'twilio';
import {
  callEndedLine,
  type PathStep,
  pathLine,
  readStoredOutcome,
  type ReportToken,
  reportLine,
  type StoredOutcome,
} from './call-report.js';
import type { CallerInput, CallScript, DialResult } from './call-script.js';
import {
  findOffered,
  languageAnswer,
  languageChoiceOf,
  type LanguageOption,
  offeredList,
  roundLine,
  sayLine,
  spokenLine,
} from './menu-round.js';
import { parseTwiml, type TwimlNode, TwimlError, validateTwiml } from './twiml-document.js';

export interface SimulatorOptions {
  readonly script: CallScript;
  readonly authToken: string;
  /** The base URL the server checks signatures against (its PUBLIC_BASE_URL), when it has one. */
  readonly publicBaseUrl?: string;
  /** Reads the stored outcome after the call; none: the simulator says it could not. */
  readonly adminToken?: ReportToken | null;
  /** Prints one line of the conversation. */
  readonly print: (line: string) => void;
}

export interface SimulatedCall {
  readonly callSid: string;
  /** What the conversation suggests; the server's own record is storedOutcome (and at reportUrl). */
  readonly outcome: 'connected' | 'voicemail' | 'abandoned';
  readonly connectedTo: string | null;
  readonly storedOutcome: StoredOutcome;
  readonly reportUrl: string;
  /** The caller's answers round by round, with the dials and voicemail they led to. */
  readonly path: readonly PathStep[];
}

export class SimulationError extends Error {}

// A menu that never ends (a bug on the server) must not run forever.
const MAX_REQUESTS = 60;

const sid = (prefix: string): string => `${prefix}${randomBytes(16).toString('hex')}`;

/**
 * Places a call against the server the way Twilio does: signed webhooks with Twilio's parameters,
 * each TwiML answer executed verb by verb, and the status callback at the end.
 */
export class CallSimulator {
  private readonly callSid = sid('CA');
  private readonly startedAt = Date.now();
  private readonly inputs: CallerInput[];
  private readonly dialResults: DialResult[];
  private requests = 0;
  private rounds = 0;
  private languageChosen = false;
  private readonly path: PathStep[] = [];
  private connectedTo: string | null = null;
  private leftMessage = false;
  private readonly base: string;

  constructor(private readonly options: SimulatorOptions) {
    // Routes resolve under the URL's path, so a server behind a prefix (`--url http://host/api`) works too.
    this.base = options.script.url.endsWith('/') ? options.script.url : `${options.script.url}/`;
    this.inputs = [...options.script.inputs];
    this.dialResults = [...options.script.dialResults];
  }

  async run(): Promise<SimulatedCall> {
    const { script, print } = this.options;
    print(`Calling ${script.to} from ${script.from} (${this.callSid})`);
    let next: { url: string; params: Record<string, string> } | null = {
      url: new URL('voice/incoming', this.base).toString(),
      params: { CallStatus: 'ringing' },
    };
    while (next) {
      const document = await this.post(next.url, next.params);
      next = await this.execute(document, next.url);
    }
    const duration = Math.max(1, Math.round((Date.now() - this.startedAt) / 1000));
    await this.post(new URL('voice/status', this.base).toString(), {
      CallStatus: 'completed',
      CallDuration: String(duration),
      Timestamp: new Date().toUTCString(),
      SequenceNumber: '0',
      CallbackSource: 'call-progress-events',
    });
    const outcome = this.connectedTo ? 'connected' : this.leftMessage ? 'voicemail' : 'abandoned';
    const reportUrl = new URL(`admin/call-sessions/${this.callSid}`, this.base).toString();
    const adminToken = this.options.adminToken ?? null;
    const storedOutcome = await readStoredOutcome(reportUrl, adminToken);
    print(pathLine(this.path));
    print(callEndedLine({ outcome, connectedTo: this.connectedTo }, storedOutcome));
    print(reportLine(reportUrl, adminToken));
    return { callSid: this.callSid, outcome, connectedTo: this.connectedTo, storedOutcome, reportUrl, path: this.path };
  }

  /**
   * Prints a <Gather>'s round and answers it: a choice of language from --language, a menu with the next answer.
   * Returns the parameters Twilio would post to its action, or null when the caller says nothing and Twilio goes
   * on to the next verb.
   */
  private gather(verb: TwimlNode): Record<string, string> | null {
    const { print, script } = this.options;
    this.rounds += 1;
    const choice = languageChoiceOf(verb);
    print(roundLine(this.rounds, choice ? 'language choice' : 'menu', verb.attributes.language));
    for (const prompt of verb.children) {
      if (prompt.name === 'Say') print(`  ${sayLine(spokenLine(prompt))}`);
      else if (prompt.name === 'Play') print(`  IVR plays ${prompt.text}`);
    }
    const wanted = script.language ?? null;
    if (!choice && wanted !== null && !this.languageChosen) {
      // Said once: the server chose the language itself (the only one, or by the caller's country).
      print(`  (no choice of language offered: --language ${wanted} is not used)`);
      this.languageChosen = true;
    }
    const input = choice ? this.chooseLanguage(choice, verb.attributes.hints) : this.nextInput();
    if (input.kind === 'digits') {
      print(`  Caller presses ${input.digits}`);
      return { Digits: input.digits };
    }
    if (input.kind === 'speech') {
      print(
        `  Caller says "${input.text}"${input.confidence === undefined ? '' : ` (confidence ${input.confidence})`}`,
      );
      const params: Record<string, string> = { SpeechResult: input.text };
      if (input.confidence !== undefined) params.Confidence = String(input.confidence);
      return params;
    }
    print('  Caller says nothing');
    return verb.attributes.actionOnEmptyResult === 'true' ? {} : null;
  }

  private nextInput(): CallerInput {
    const input = this.inputs.shift() ?? { kind: 'silence' };
    this.path.push({ kind: 'answer', input });
    return input;
  }

  /** The language round: --language's line answered; without it, the languages listed and no answer (the default). */
  private chooseLanguage(choice: readonly LanguageOption[], hints: string | undefined): CallerInput {
    const { print } = this.options;
    const wanted = this.options.script.language ?? null;
    this.languageChosen = true;
    if (wanted === null) {
      print(`  Languages offered: ${offeredList(choice)}; without --language the caller waits for the default`);
      this.path.push({ kind: 'language', language: null, input: { kind: 'silence' } });
      return { kind: 'silence' };
    }
    const option = findOffered(choice, wanted);
    if (!option)
      throw new SimulationError(`--language ${wanted} is not offered: the call offers ${offeredList(choice)}`);
    const answer = languageAnswer(option, hints);
    const input: CallerInput = answer.kind === 'digits' ? answer : { kind: 'speech', text: answer.text };
    print(`  Caller chooses ${option.language}`);
    this.path.push({ kind: 'language', language: option.language, input });
    return input;
  }

  /** Runs one TwiML document; returns the next request Twilio would make, or null when the call is over. */
  private async execute(
    document: TwimlNode,
    documentUrl: string,
  ): Promise<{ url: string; params: Record<string, string> } | null> {
    const { print } = this.options;
    const resolve = (target: string | undefined): string => new URL(target || documentUrl, documentUrl).toString();
    for (const verb of document.children) {
      switch (verb.name) {
        case 'Say':
          print(`  ${sayLine(spokenLine(verb))}`);
          break;
        case 'Play':
          print(`  IVR plays ${verb.text}`);
          break;
        case 'Gather': {
          const answer = this.gather(verb);
          if (answer) return { url: resolve(verb.attributes.action), params: answer };
          break;
        }
        case 'Redirect':
          return { url: resolve(verb.text.trim()), params: {} };
        case 'Dial': {
          const target = verb.children[0]?.text ?? verb.text;
          const result = this.dialResults.length > 1 ? (this.dialResults.shift() as DialResult) : this.dialResults[0];
          print(`  Dialling ${target}... ${result === 'completed' ? 'answered' : result}`);
          if (result === 'completed') this.connectedTo = target;
          this.path.push({ kind: 'dial', target, result });
          if (!verb.attributes.action) break;
          return {
            url: resolve(verb.attributes.action),
            params: {
              DialCallStatus: result,
              DialCallSid: sid('CA'),
              DialCallDuration: result === 'completed' ? '42' : '0',
              DialBridged: String(result === 'completed'),
            },
          };
        }
        case 'Record': {
          print('  (beep) Caller leaves a message');
          const recordingSid = sid('RE');
          const recordingUrl = `https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/${recordingSid}`;
          this.leftMessage = true;
          this.path.push({ kind: 'voicemail' });
          if (verb.attributes.recordingStatusCallback) {
            await this.post(resolve(verb.attributes.recordingStatusCallback), {
              RecordingSid: recordingSid,
              RecordingUrl: recordingUrl,
              RecordingStatus: 'completed',
              RecordingDuration: '6',
              RecordingChannels: '1',
              RecordingSource: 'RecordVerb',
            });
          }
          // Twilio's comes minutes later; here at once, after the recording's.
          if (verb.attributes.transcribe === 'true' && verb.attributes.transcribeCallback) {
            print('  (later) Twilio transcribes the message');
            const transcriptionSid = sid('TR');
            await this.post(resolve(verb.attributes.transcribeCallback), {
              TranscriptionSid: transcriptionSid,
              TranscriptionText: 'Hello, this is a test message. Please call me back.',
              TranscriptionStatus: 'completed',
              TranscriptionUrl: `https://api.twilio.com/2010-04-01/Accounts/AC0/Transcriptions/${transcriptionSid}`,
              RecordingSid: recordingSid,
              RecordingUrl: recordingUrl,
            });
          }
          return {
            url: resolve(verb.attributes.action),
            params: { RecordingUrl: recordingUrl, RecordingDuration: '6', Digits: '#' },
          };
        }
        case 'Hangup':
        case 'Reject':
          print('  IVR hangs up');
          return null;
        default:
          break;
      }
    }
    return null;
  }

  /** POSTs a signed webhook and returns its validated TwiML. */
  private async post(url: string, params: Record<string, string>): Promise<TwimlNode> {
    this.requests += 1;
    if (this.requests > MAX_REQUESTS)
      throw new SimulationError(`gave up after ${MAX_REQUESTS} webhooks: the call never ends`);
    const { script, authToken, publicBaseUrl } = this.options;
    const body = {
      AccountSid: 'AC00000000000000000000000000000000',
      ApiVersion: '2010-04-01',
      CallSid: this.callSid,
      CallStatus: 'in-progress',
      Direction: 'inbound',
      From: script.from,
      Caller: script.from,
      To: script.to,
      Called: script.to,
      ...params,
    };
    const target = new URL(url);
    const signedUrl = publicBaseUrl ? `${publicBaseUrl.replace(/\/+$/, '')}${target.pathname}${target.search}` : url;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'User-Agent': 'TwilioProxy/1.1',
          'X-Twilio-Signature': twilio.getExpectedTwilioSignature(authToken, signedUrl, body),
          'I-Twilio-Idempotency-Token': randomUUID(),
        },
        body: new URLSearchParams(body),
      });
    } catch (error) {
      throw new SimulationError(`POST ${target.pathname}${target.search} failed: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok)
      throw new SimulationError(
        `POST ${target.pathname}${target.search} answered HTTP ${response.status}: ${text.slice(0, 300)}`,
      );
    try {
      const document = parseTwiml(text);
      validateTwiml(document);
      return document;
    } catch (error) {
      if (error instanceof TwimlError)
        throw new SimulationError(`POST ${target.pathname}${target.search} answered invalid TwiML: ${error.message}`);
      throw error;
    }
  }
}
