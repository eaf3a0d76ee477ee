import twilio from 'twilio';
import { DEFAULT_PROMPTS } from '../routing/caller-prompts.js';
import type { MenuDepartment, RoutingRules } from '../routing/routing-rules.js';
import type { CallDecision } from '../voice/call-decision.js';
import { renderApology, renderEmptyResponse, renderTwiml } from '../voice/twiml.js';
import { parseTwiml, TwimlError, validateTwiml } from './twiml-document.js';
import { menuDepartment } from '../../test/helpers/menu-fixtures.js';

const { VoiceResponse } = twilio.twiml;

const department = (overrides: Partial<MenuDepartment> = {}): MenuDepartment =>
  menuDepartment({ keywords: ['sales', 'buy'], ...overrides });

const SALES = department();
const HOSTILE = department({
  id: 'hostile-id',
  name: 'R&D <Labs> ]]> "quoted"',
  digit: null,
  keywords: ['R&D', '<labs>'],
});

const RULES: RoutingRules = {
  settings: {
    minConfidence: 0.5,
    maxAttempts: 3,
    operatorNumber: '+15555550100',
    voice: 'Polly.Joanna',
    language: 'en-GB',
    gatherTimeoutSeconds: 7,
    dialTimeoutSeconds: 25,
    greeting: 'Welcome to Acme & Co.',
    transcribeVoicemail: false,
    prompts: DEFAULT_PROMPTS,
  },
  departments: [SALES, HOSTILE],
};

function validate(xml: string): void {
  validateTwiml(parseTwiml(xml));
}

function twimlError(action: () => unknown): TwimlError {
  try {
    action();
  } catch (error) {
    if (error instanceof TwimlError) return error;
    throw error;
  }
  throw new Error('expected a TwimlError');
}

describe('parseTwiml', () => {
  it('reads nested elements with their attributes and text, in document order', () => {
    const sut = parseTwiml(
      '<?xml version="1.0" encoding="UTF-8"?>' +
        '<Response><Gather input="dtmf speech" action="/voice/gather?round=1">' +
        '<Say voice="Polly.Joanna">Press 1.</Say><Pause length="2"/></Gather>' +
        '<Redirect method="POST">/voice/gather?round=1</Redirect></Response>',
    );

    expect(sut).toEqual({
      name: 'Response',
      attributes: {},
      text: '',
      children: [
        {
          name: 'Gather',
          attributes: { input: 'dtmf speech', action: '/voice/gather?round=1' },
          text: '',
          children: [
            { name: 'Say', attributes: { voice: 'Polly.Joanna' }, text: 'Press 1.', children: [] },
            { name: 'Pause', attributes: { length: '2' }, text: '', children: [] },
          ],
        },
        { name: 'Redirect', attributes: { method: 'POST' }, text: '/voice/gather?round=1', children: [] },
      ],
    });
  });

  it('keeps attribute values and text as strings rather than numbers or booleans', () => {
    const sut = parseTwiml('<Response><Gather numDigits="1" actionOnEmptyResult="false"/><Say>007</Say></Response>');

    expect(sut.children[0].attributes).toEqual({ numDigits: '1', actionOnEmptyResult: 'false' });
    expect(sut.children[1].text).toBe('007');
  });

  it('decodes entities in text and in attribute values, once', () => {
    const sut = parseTwiml('<Response><Say language="R&amp;D">a &lt; b &amp; c &gt; d &amp;lt;</Say></Response>');

    expect(sut.children[0].text).toBe('a < b & c > d &lt;');
    expect(sut.children[0].attributes.language).toBe('R&D');
  });

  it("keeps an element's own text apart from its children's", () => {
    const sut = parseTwiml('<Response><Dial>+15555550100<Number>+15555550101</Number></Dial></Response>');

    expect(sut.children[0].text).toBe('+15555550100');
    expect(sut.children[0].children[0].text).toBe('+15555550101');
  });

  it.each([
    ['an unclosed element', '<Response><Say>Hi</Response>'],
    ['a missing end tag', '<Response>'],
    ['an unescaped ampersand', '<Response><Say>R&D</Say></Response>'],
    ['plain text', 'Application error'],
    ['an empty body', ''],
  ])('throws a TwimlError for malformed XML: %s', (_, xml) => {
    expect(twimlError(() => parseTwiml(xml)).message).toMatch(/^malformed XML: /);
  });

  it.each([
    ['<Foo><Say>Hi</Say></Foo>', 'Foo'],
    ['<response><Say>Hi</Say></response>', 'response'],
    ['<html><body>502 Bad Gateway</body></html>', 'html'],
  ])('throws a TwimlError when the root of %s is not <Response>', (xml, root) => {
    expect(twimlError(() => parseTwiml(xml)).message).toBe(`the root element is <${root}>, not <Response>`);
  });
});

describe('validateTwiml', () => {
  describe('accepts what the server renders', () => {
    const decisions: readonly (readonly [string, CallDecision])[] = [
      ['the first menu with greeting', { kind: 'menu', round: 1, greet: true, notice: null }],
      ['a repeated menu with a notice', { kind: 'menu', round: 2, greet: false, notice: 'low_confidence' }],
      ['dialling a department', { kind: 'dial-department', department: SALES }],
      [
        'dialling a sip: department',
        { kind: 'dial-department', department: department({ phoneNumber: 'sip:sales@pbx.example.com' }) },
      ],
      ['dialling a department with markup in its name', { kind: 'dial-department', department: HOSTILE }],
      ['dialling the operator', { kind: 'dial-operator', number: '+15555550100' }],
      ['voicemail after no answer', { kind: 'voicemail', reason: 'no-answer' }],
      ['voicemail without an operator', { kind: 'voicemail', reason: 'no-operator' }],
      ['goodbye', { kind: 'goodbye' }],
      ['the recorded voicemail', { kind: 'voicemail-recorded' }],
    ];

    it.each(decisions)('%s', (_, decision) => {
      expect(() => validate(renderTwiml(decision, RULES))).not.toThrow();
    });

    it('a menu without speech hints', () => {
      const rules: RoutingRules = { ...RULES, departments: [department({ keywords: [] })] };

      expect(() => validate(renderTwiml({ kind: 'menu', round: 1, greet: true, notice: null }, rules))).not.toThrow();
    });

    it('the apology and the empty response', () => {
      expect(() => validate(renderApology())).not.toThrow();
      expect(() => validate(renderEmptyResponse())).not.toThrow();
    });
  });

  it('accepts every verb and attribute it knows, as twilio builds them', () => {
    const response = new VoiceResponse();
    response.say({ voice: 'alice', language: 'en-US', loop: 2 }, 'Hello & welcome');
    response.play({ loop: 1, digits: 'ww12#' });
    response.pause({ length: 1 });
    const gather = response.gather({
      input: ['speech'],
      action: '/gather',
      method: 'GET',
      timeout: 5,
      numDigits: 2,
      finishOnKey: '*',
      speechTimeout: '3',
      hints: 'sales, support',
      actionOnEmptyResult: true,
      partialResultCallback: '/partial',
      partialResultCallbackMethod: 'POST',
      profanityFilter: false,
      speechModel: 'phone_call',
      enhanced: true,
    });
    gather.say('Choose.');
    gather.play('https://example.com/menu.mp3');
    gather.pause({ length: 2 });
    const dial = response.dial({
      action: '/dial',
      method: 'POST',
      timeout: 20,
      timeLimit: 600,
      callerId: '+15555550100',
      answerOnBridge: true,
      record: 'record-from-answer',
      hangupOnStar: false,
      ringTone: 'uk',
    });
    dial.number(
      { sendDigits: 'ww1', url: '/whisper', method: 'GET', statusCallback: '/s', statusCallbackEvent: ['answered'] },
      '+15555550101',
    );
    dial.sip({ username: 'u', password: 'p', url: '/sip', method: 'POST' }, 'sip:ops@pbx.example.com');
    dial.client({ url: '/client', method: 'GET' }, 'operator');
    response.record({
      action: '/record',
      method: 'POST',
      timeout: 3,
      maxLength: 60,
      finishOnKey: '#*',
      playBeep: true,
      trim: 'do-not-trim',
      transcribe: false,
      recordingStatusCallback: '/recording',
      recordingStatusCallbackMethod: 'GET',
      recordingStatusCallbackEvent: ['completed'],
    });
    response.redirect({ method: 'GET' }, '/next');
    response.reject({ reason: 'busy' });
    response.hangup();

    expect(() => validate(response.toString())).not.toThrow();
  });

  it('accepts whitespace between elements and inside an empty verb', () => {
    expect(() => validate('<Response>\n  <Say>Bye</Say>\n  <Hangup>\n  </Hangup>\n</Response>')).not.toThrow();
  });

  it.each([
    ['<Speak> at the top level', '<Response><Speak>Hi</Speak></Response>', 'Speak'],
    ['<Speak> inside <Gather>', '<Response><Gather><Speak>Hi</Speak></Gather></Response>', 'Speak'],
    ['<Enqueue>, which this backend does not use', '<Response><Enqueue>support</Enqueue></Response>', 'Enqueue'],
  ])('rejects an unknown verb: %s', (_, xml, verb) => {
    expect(twimlError(() => validate(xml)).message).toBe(`<${verb}> is not allowed here`);
  });

  it.each([
    ['<Dial> inside <Gather>', '<Response><Gather><Dial>+15555550101</Dial></Gather></Response>', 'Dial'],
    ['<Gather> inside <Gather>', '<Response><Gather><Gather/></Gather></Response>', 'Gather'],
    ['<Number> at the top level', '<Response><Number>+15555550101</Number></Response>', 'Number'],
    ['<Say> inside <Dial>', '<Response><Dial><Say>Hi</Say></Dial></Response>', 'Say'],
    ['<Say> inside <Say>', '<Response><Say>Hi<Say>again</Say></Say></Response>', 'Say'],
  ])('rejects a verb in the wrong place: %s', (_, xml, verb) => {
    expect(twimlError(() => validate(xml)).message).toBe(`<${verb}> is not allowed here`);
  });

  it.each([
    ['<Say speed="fast">', '<Response><Say speed="fast">Hi</Say></Response>', 'Say', 'speed'],
    ['a misspelt <Gather numdigits>', '<Response><Gather numdigits="1"/></Response>', 'Gather', 'numdigits'],
    ['<Number> nested in <Dial>', '<Response><Dial><Number ring="3">+1</Number></Dial></Response>', 'Number', 'ring'],
    ['<Hangup reason>', '<Response><Hangup reason="busy"/></Response>', 'Hangup', 'reason'],
  ])('rejects an unknown attribute: %s', (_, xml, verb, attribute) => {
    expect(twimlError(() => validate(xml)).message).toBe(`<${verb}> has an unknown attribute ${attribute}`);
  });

  it.each([
    ['Gather', 'method', 'PUT'],
    ['Gather', 'timeout', 'soon'],
    ['Gather', 'input', 'keys'],
    ['Gather', 'input', 'dtmf,speech'],
    ['Gather', 'actionOnEmptyResult', 'yes'],
    ['Gather', 'speechTimeout', 'never'],
    ['Redirect', 'method', 'post'],
    ['Dial', 'timeout', '-5'],
    ['Record', 'trim', 'trim'],
    ['Reject', 'reason', 'declined'],
  ])('rejects <%s %s="%s">', (verb, attribute, value) => {
    const xml = `<Response><${verb} ${attribute}="${value}"/></Response>`;

    expect(twimlError(() => validate(xml)).message).toBe(`<${verb} ${attribute}="${value}"> is not a valid value`);
  });

  it.each([
    ['Hangup', '<Response><Hangup>now</Hangup></Response>'],
    ['Pause', '<Response><Pause length="1">wait</Pause></Response>'],
    ['Gather', '<Response><Gather>Press 1<Say>Hi</Say></Gather></Response>'],
  ])('rejects text inside <%s>', (verb, xml) => {
    expect(twimlError(() => validate(xml)).message).toBe(`<${verb}> must not contain text`);
  });
});
