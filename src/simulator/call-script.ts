import { parseArgs } from 'node:util';

/** What the simulated caller does at each menu, in order. */
export type CallerInput =
  | { readonly kind: 'digits'; readonly digits: string }
  | { readonly kind: 'speech'; readonly text: string; readonly confidence?: number }
  | { readonly kind: 'silence' };

export const DIAL_RESULTS = ['completed', 'busy', 'no-answer', 'failed', 'canceled'] as const;
export type DialResult = (typeof DIAL_RESULTS)[number];

export interface CallScript {
  readonly url: string;
  readonly from: string;
  readonly to: string;
  /** The caller's answers to the menus, one per round in order (a choice of language is not one: see language). */
  readonly inputs: readonly CallerInput[];
  /** The language to choose when the call starts with a choice of language; null or absent: the server's default. */
  readonly language?: string | null;
  /** How each <Dial> ends, in order; the last one repeats. */
  readonly dialResults: readonly DialResult[];
}

export class CallScriptError extends Error {}

export const USAGE = `Usage: npm run call -- [--language CODE] [answers...] [options]
Places a simulated call against a running server as Twilio does: signed webhooks, each TwiML answer followed.

Answers, one per menu round, in order (a submenu is a round of its own; a round left without one is silence):
  --digits 2                  press 2 (keys pressed together are one round: --digits 1#)
  --digits 2,1                press 2 in this menu, then 1 in the next
  --digits '2,*,1'            into 2, back with *, then 1; # hears a menu again (quote * and # in the shell)
  --say "billing please"      speak; --confidence 0.85 right after sets its Confidence (else Twilio sends none).
                              One round per --say: speech may hold commas, so it is not split on them
  --silence                   say nothing at a menu

Language, when the call starts with a choice of language (a <Gather> whose <Say>s are in several languages):
  --language es-MX            press the key the es-MX line names, or say the language's name when it names none.
                              The choice is not a menu round: --digits answer the menus after it.
                              "es" picks the one Spanish offered; a language not offered fails the call
  (no --language)             list the languages offered and answer nothing: the server's default language

Other options:
  --url http://localhost:3000 the server (default: http://localhost:$PORT, PORT from the environment or .env)
  --dial no-answer            how each <Dial> ends, in order, the last repeating (default completed):
                              completed | no-answer | busy | failed | canceled
  --from +15551230123         the caller's number (default shown); --to +15559870000 the number called
  -h, --help                  this text

Prints each round: what the IVR says, with each <Say>'s language and voice and the <Gather>'s language; then
the path taken, the outcome the server stored, and a command that reads the call's report.
Exit status: 0 the call ran, 1 the server failed it, 2 a bad argument or no auth token.`;

/** Whether the command line asks for the usage (before anything else is read: it needs no server or token). */
export function wantsHelp(args: readonly string[]): boolean {
  return args.some((arg) => arg === '--help' || arg === '-h');
}

/** PORT as the process environment and the working directory's .env give it. */
export interface PortSettings {
  readonly environment?: string;
  readonly dotenv?: string;
}

/** The server to call: --url, else the port the server itself reads (PORT from the environment, then .env, then 3000). */
export function chooseServerUrl(urlOption: string | undefined, port: PortSettings = {}): string {
  if (urlOption !== undefined) {
    const url = URL.parse(urlOption);
    if (!url || !['http:', 'https:'].includes(url.protocol))
      throw new CallScriptError(`--url must be a URL such as http://localhost:3000, not "${urlOption}"`);
    return url.origin;
  }
  const [source, value] =
    port.environment !== undefined
      ? ['PORT', port.environment]
      : port.dotenv !== undefined
        ? ['PORT in .env', port.dotenv]
        : ['PORT', '3000'];
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || Number(value) > 65535)
    throw new CallScriptError(`${source} must be an integer between 1 and 65535, not "${value}" (or pass --url)`);
  return `http://localhost:${Number(value)}`;
}

/** `2,*,1`: one answer per menu round; each round's keys as Twilio sends them (`1#` is one round). */
export function digitRounds(value: string): CallerInput[] {
  const rounds = value.split(',');
  if (!rounds.every((keys) => /^[\d*#]+$/.test(keys)))
    throw new CallScriptError(
      `--digits takes keypad keys (0-9 * #), one round's keys between commas (--digits 2,1), not "${value}"`,
    );
  return rounds.map((digits) => ({ kind: 'digits', digits }));
}

// A BCP 47 tag's shape (language, then subtags); which ones a server offers, only its TwiML says.
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z\d]{2,8})*$/i;

function languageCode(value: string): string {
  if (!LANGUAGE_TAG.test(value))
    throw new CallScriptError(`--language takes a language code such as es-MX or fr-CA, not "${value}"`);
  return value;
}

/** Reads the command line into a script; the order of --digits/--say/--silence is the order of the caller's answers. */
export function parseCallScript(args: readonly string[], port: PortSettings = {}): CallScript {
  const { tokens, values } = parseArgs({
    args: [...args],
    tokens: true,
    allowPositionals: false,
    options: {
      url: { type: 'string' },
      from: { type: 'string', default: '+15551230123' },
      to: { type: 'string', default: '+15559870000' },
      digits: { type: 'string', multiple: true },
      language: { type: 'string' },
      say: { type: 'string', multiple: true },
      confidence: { type: 'string', multiple: true },
      silence: { type: 'boolean', multiple: true },
      dial: { type: 'string', multiple: true },
    },
  });
  const inputs: CallerInput[] = [];
  const dialResults: DialResult[] = [];
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const value = token.value ?? '';
    switch (token.name) {
      case 'digits':
        inputs.push(...digitRounds(value));
        break;
      case 'say':
        if (!value.trim()) throw new CallScriptError('--say needs the words the caller says');
        inputs.push({ kind: 'speech', text: value });
        break;
      case 'confidence': {
        const previous = inputs.at(-1);
        const confidence = Number(value);
        if (previous?.kind !== 'speech') throw new CallScriptError('--confidence must follow a --say');
        if (!/^\d*\.?\d+$/.test(value) || confidence > 1)
          throw new CallScriptError(`--confidence must be between 0 and 1, not "${value}"`);
        inputs[inputs.length - 1] = { ...previous, confidence };
        break;
      }
      case 'silence':
        inputs.push({ kind: 'silence' });
        break;
      case 'dial':
        if (!(DIAL_RESULTS as readonly string[]).includes(value))
          throw new CallScriptError(`--dial must be one of ${DIAL_RESULTS.join(', ')}, not "${value}"`);
        dialResults.push(value as DialResult);
        break;
      case 'url':
      case 'language':
      case 'from':
      case 'to':
        // Read from `values` below.
        break;
    }
  }
  return {
    url: chooseServerUrl(values.url, port),
    from: values.from,
    to: values.to,
    inputs,
    language: values.language === undefined ? null : languageCode(values.language),
    dialResults: dialResults.length > 0 ? dialResults : ['completed'],
  };
}
