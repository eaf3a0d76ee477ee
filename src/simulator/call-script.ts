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
  readonly inputs: readonly CallerInput[];
  /** How each <Dial> ends, in order; the last one repeats. */
  readonly dialResults: readonly DialResult[];
}

export class CallScriptError extends Error {}

export const USAGE = `Usage: npm run call -- [--url http://localhost:$PORT] [inputs...] [--dial completed|no-answer|busy|failed|canceled]
Inputs, in the order the caller gives them:
  --digits 2                      press keys
  --say "billing please"          speak (add --confidence 0.85 right after; without it Twilio sends no Confidence)
  --silence                       say nothing at a menu
Options: --from +15551230123  --to +15559870000`;

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
        if (!/^[\d*#]+$/.test(value)) throw new CallScriptError(`--digits takes keypad keys (0-9 * #), not "${value}"`);
        inputs.push({ kind: 'digits', digits: value });
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
    dialResults: dialResults.length > 0 ? dialResults : ['completed'],
  };
}
