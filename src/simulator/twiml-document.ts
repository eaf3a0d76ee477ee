import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One element of a TwiML document. */
export interface TwimlNode {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** The element's own text (entities decoded). */
  readonly text: string;
  readonly children: readonly TwimlNode[];
}

export class TwimlError extends Error {}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  trimValues: false,
});

function toNode(raw: OrderedNode): TwimlNode | null {
  const name = Object.keys(raw).find((key) => key !== ':@');
  if (!name || name === '#text' || name === '?xml') return null;
  const content = (raw[name] as OrderedNode[] | undefined) ?? [];
  const text = content.map((child) => (typeof child['#text'] === 'string' ? child['#text'] : '')).join('');
  const children = content.map(toNode).filter((child): child is TwimlNode => child !== null);
  return { name, attributes: raw[':@'] ?? {}, text, children };
}

/** Parses well-formed XML whose root is <Response>; throws TwimlError otherwise. */
export function parseTwiml(xml: string): TwimlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new TwimlError(`malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const root = (parser.parse(xml) as OrderedNode[]).map(toNode).find((node) => node !== null);
  if (!root || root.name !== 'Response')
    throw new TwimlError(`the root element is <${root?.name ?? 'nothing'}>, not <Response>`);
  return root;
}

const BOOLEAN = /^(true|false)$/;
const INTEGER = /^\d+$/;
const METHOD = /^(GET|POST)$/;
const ANY = /^[\s\S]*$/;

/** The verbs and attributes this backend may use, with what their values may be (Twilio's TwiML reference). */
const VERBS: Readonly<
  Record<string, { attributes: Record<string, RegExp>; children: readonly string[]; text: boolean }>
> = {
  Say: { attributes: { voice: ANY, language: ANY, loop: INTEGER }, children: [], text: true },
  Play: { attributes: { loop: INTEGER, digits: /^[\dw*#]*$/ }, children: [], text: true },
  Pause: { attributes: { length: INTEGER }, children: [], text: false },
  Gather: {
    attributes: {
      input: /^(dtmf|speech)( (dtmf|speech))?$/,
      action: ANY,
      method: METHOD,
      timeout: INTEGER,
      numDigits: INTEGER,
      finishOnKey: /^[\d*#]?$/,
      speechTimeout: /^(auto|\d+)$/,
      language: ANY,
      hints: ANY,
      actionOnEmptyResult: BOOLEAN,
      partialResultCallback: ANY,
      partialResultCallbackMethod: METHOD,
      profanityFilter: BOOLEAN,
      speechModel: ANY,
      enhanced: BOOLEAN,
    },
    children: ['Say', 'Play', 'Pause'],
    text: false,
  },
  Dial: {
    attributes: {
      action: ANY,
      method: METHOD,
      timeout: INTEGER,
      timeLimit: INTEGER,
      callerId: ANY,
      answerOnBridge: BOOLEAN,
      record: ANY,
      hangupOnStar: BOOLEAN,
      ringTone: ANY,
    },
    children: ['Number', 'Sip', 'Client'],
    text: true,
  },
  Record: {
    attributes: {
      action: ANY,
      method: METHOD,
      timeout: INTEGER,
      maxLength: INTEGER,
      finishOnKey: /^[\d*#]*$/,
      playBeep: BOOLEAN,
      trim: /^(trim-silence|do-not-trim)$/,
      transcribe: BOOLEAN,
      transcribeCallback: ANY,
      recordingStatusCallback: ANY,
      recordingStatusCallbackMethod: METHOD,
      recordingStatusCallbackEvent: ANY,
    },
    children: [],
    text: false,
  },
  Redirect: { attributes: { method: METHOD }, children: [], text: true },
  Hangup: { attributes: {}, children: [], text: false },
  Reject: { attributes: { reason: /^(rejected|busy)$/ }, children: [], text: false },
  Number: {
    attributes: { sendDigits: ANY, url: ANY, method: METHOD, statusCallback: ANY, statusCallbackEvent: ANY },
    children: [],
    text: true,
  },
  Sip: { attributes: { username: ANY, password: ANY, url: ANY, method: METHOD }, children: [], text: true },
  Client: { attributes: { url: ANY, method: METHOD }, children: [], text: true },
};

/** Checks every element is a known verb, in a place it may stand, with known attributes and sane values. */
export function validateTwiml(root: TwimlNode): void {
  const check = (node: TwimlNode, allowed: readonly string[]): void => {
    const verb = VERBS[node.name];
    if (!verb || !allowed.includes(node.name)) throw new TwimlError(`<${node.name}> is not allowed here`);
    for (const [name, value] of Object.entries(node.attributes)) {
      const pattern = verb.attributes[name];
      if (!pattern) throw new TwimlError(`<${node.name}> has an unknown attribute ${name}`);
      if (!pattern.test(value)) throw new TwimlError(`<${node.name} ${name}="${value}"> is not a valid value`);
    }
    if (!verb.text && node.text.trim() !== '') throw new TwimlError(`<${node.name}> must not contain text`);
    for (const child of node.children) check(child, verb.children);
  };
  for (const child of root.children)
    check(child, ['Say', 'Play', 'Pause', 'Gather', 'Dial', 'Record', 'Redirect', 'Hangup', 'Reject']);
}
