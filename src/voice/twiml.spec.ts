import { findOrFail, parseTwiml, verbs } from '../../test/helpers/twiml.js';
import type { MenuNotice } from './call-decision.js';
import type { MenuDepartment } from '../routing/routing-rules.js';
import { renderApology, renderEmptyResponse, renderTwiml } from './twiml.js';
import { menuDepartment, menuSupport, rulesBuilder } from '../../test/helpers/menu-fixtures.js';

const department = (overrides: Partial<MenuDepartment> = {}): MenuDepartment =>
  menuDepartment({ keywords: ['sales', 'buy'], ...overrides });

const SALES = department();
const SUPPORT = menuSupport();

const rules = rulesBuilder({
  settings: { language: 'en-GB', gatherTimeoutSeconds: 7, greeting: 'Welcome to Acme.' },
  departments: [SALES, SUPPORT],
});

function menu(
  round = 1,
  greet = true,
  notice: MenuNotice | null = null,
): { kind: 'menu'; round: number; greet: boolean; notice: MenuNotice | null } {
  return { kind: 'menu', round, greet, notice };
}

function hintsOf(xml: string): string[] {
  const hints = findOrFail(xml, 'Gather').attributes.hints;
  return hints === undefined ? [] : hints.split(', ');
}

describe('renderTwiml', () => {
  describe('menu', () => {
    it('gathers one digit or speech and posts the answer to the round being played', () => {
      const xml = renderTwiml(menu(2, false), rules());

      expect(verbs(xml)).toEqual(['Gather', 'Redirect']);
      expect(findOrFail(xml, 'Gather').attributes).toMatchObject({
        input: 'dtmf speech',
        numDigits: '1',
        timeout: '7',
        action: '/voice/gather?round=2',
        method: 'POST',
        language: 'en-GB',
      });
    });

    it('points every action under the path the webhooks arrived at (a host prefix included)', () => {
      const menuXml = renderTwiml(menu(2, false), rules(), '/api/voice');
      const dialXml = renderTwiml({ kind: 'dial-department', department: SUPPORT }, rules(), '/api/voice');

      expect(findOrFail(menuXml, 'Gather').attributes.action).toBe('/api/voice/gather?round=2');
      expect(findOrFail(menuXml, 'Redirect').text).toBe('/api/voice/gather?round=2');
      expect(findOrFail(dialXml, 'Dial').attributes.action).toBe('/api/voice/dial-status');
      const record = findOrFail(
        renderTwiml({ kind: 'voicemail', reason: 'no-answer' }, rules(), '/api/voice'),
        'Record',
      );
      expect(record.attributes).toMatchObject({
        action: '/api/voice/voicemail',
        recordingStatusCallback: '/api/voice/recording',
      });
    });

    it('redirects to the same round when the caller says nothing', () => {
      const redirect = findOrFail(renderTwiml(menu(3, false), rules()), 'Redirect');

      expect(redirect.text).toBe('/voice/gather?round=3');
      expect(redirect.attributes.method).toBe('POST');
    });

    it('reads the menu inside the Gather so the caller can answer while it plays', () => {
      const gather = findOrFail(renderTwiml(menu(), rules()), 'Gather');

      expect(gather.children.map((child) => child.name)).toEqual(['Say']);
      expect(gather.children[0].attributes).toMatchObject({ voice: 'Polly.Joanna', language: 'en-GB' });
    });

    it('greets the caller and lists every department when asked to greet', () => {
      const say = findOrFail(renderTwiml(menu(1, true), rules()), 'Say');

      expect(say.text).toBe('Welcome to Acme. For Sales, press 1 or say sales. For Support, press 2 or say support.');
    });

    it('leaves the greeting out when not asked to greet', () => {
      const say = findOrFail(renderTwiml(menu(2, false), rules()), 'Say');

      expect(say.text).toBe('For Sales, press 1 or say sales. For Support, press 2 or say support.');
    });

    it.each([
      ['low_confidence', "Sorry, I didn't catch that clearly."],
      ['no_match', "Sorry, that isn't one of the options."],
      ['no_input', "Sorry, I didn't hear a choice."],
    ] as const)('starts with the %s notice before the menu', (notice, text) => {
      const say = findOrFail(renderTwiml(menu(2, false, notice), rules()), 'Say');

      expect(say.text).toBe(`${text} For Sales, press 1 or say sales. For Support, press 2 or say support.`);
    });

    it('offers only the digit for a department without keywords', () => {
      const xml = renderTwiml(menu(1, false), rules({}, [department({ name: 'Accounts', digit: '4', keywords: [] })]));

      expect(findOrFail(xml, 'Say').text).toBe('For Accounts, press 4.');
    });

    it('offers only the first keyword for a speech-only department', () => {
      const xml = renderTwiml(
        menu(1, false),
        rules({}, [department({ name: 'Billing', digit: null, keywords: ['billing', 'invoice'] })]),
      );

      expect(findOrFail(xml, 'Say').text).toBe('For Billing, say billing.');
    });

    it('offers the department name for a speech-only department without keywords', () => {
      const xml = renderTwiml(menu(1, false), rules({}, [department({ name: 'Billing', digit: null, keywords: [] })]));

      expect(findOrFail(xml, 'Say').text).toBe('For Billing, say Billing.');
    });

    it('passes every keyword as a speech hint, once each', () => {
      const xml = renderTwiml(
        menu(),
        rules({}, [SALES, SUPPORT, department({ id: 'again-id', keywords: ['sales', ' help '] })]),
      );

      expect(hintsOf(xml)).toEqual(['sales', 'buy', 'support', 'help']);
    });

    it('caps the hints at 500 entries', () => {
      const keywords = Array.from({ length: 600 }, (_, index) => `keyword${index}`);
      const hints = hintsOf(renderTwiml(menu(), rules({}, [department({ keywords })])));

      expect(hints).toHaveLength(500);
      expect(hints).toEqual(keywords.slice(0, 500));
    });

    it('cuts each hint to 100 characters', () => {
      const long = 'a'.repeat(150);
      const hints = hintsOf(renderTwiml(menu(), rules({}, [department({ keywords: [long, 'sales'] })])));

      expect(hints).toEqual(['a'.repeat(100), 'sales']);
    });

    it('leaves out the hints when no department has keywords', () => {
      const xml = renderTwiml(menu(), rules({}, [department({ keywords: [] })]));

      expect(findOrFail(xml, 'Gather').attributes.hints).toBeUndefined();
    });
  });

  describe('dial-department', () => {
    it('announces the department and dials its number', () => {
      const xml = renderTwiml({ kind: 'dial-department', department: SUPPORT }, rules());

      expect(verbs(xml)).toEqual(['Say', 'Dial']);
      expect(findOrFail(xml, 'Say').text).toBe('Connecting you to Support.');
      expect(findOrFail(xml, 'Number').text).toBe('+15555550102');
    });

    it('reports the dial result to /voice/dial-status after the configured timeout', () => {
      const dial = findOrFail(
        renderTwiml({ kind: 'dial-department', department: SUPPORT }, rules({ dialTimeoutSeconds: 42 })),
        'Dial',
      );

      expect(dial.attributes).toMatchObject({ action: '/voice/dial-status', method: 'POST', timeout: '42' });
    });

    it('dials a sip: address with <Sip> rather than <Number>', () => {
      const sip = department({ name: 'Billing', phoneNumber: 'sip:billing@pbx.example.com' });
      const dial = findOrFail(renderTwiml({ kind: 'dial-department', department: sip }, rules()), 'Dial');

      expect(dial.children.map((child) => child.name)).toEqual(['Sip']);
      expect(dial.children[0].text).toBe('sip:billing@pbx.example.com');
    });
  });

  describe('dial-operator', () => {
    it('announces the operator and dials the operator number', () => {
      const xml = renderTwiml({ kind: 'dial-operator', number: '+15555550100' }, rules({ dialTimeoutSeconds: 30 }));

      expect(verbs(xml)).toEqual(['Say', 'Dial']);
      expect(findOrFail(xml, 'Say').text).toBe('Connecting you to an operator.');
      expect(findOrFail(xml, 'Dial').attributes).toMatchObject({
        action: '/voice/dial-status',
        method: 'POST',
        timeout: '30',
      });
      expect(findOrFail(xml, 'Number').text).toBe('+15555550100');
    });

    it('dials an operator sip: address with <Sip>', () => {
      const dial = findOrFail(
        renderTwiml({ kind: 'dial-operator', number: 'sip:operator@pbx.example.com' }, rules()),
        'Dial',
      );

      expect(dial.children.map((child) => child.name)).toEqual(['Sip']);
      expect(dial.children[0].text).toBe('sip:operator@pbx.example.com');
    });
  });

  describe('voicemail', () => {
    it('apologises, records a message and hangs up', () => {
      const xml = renderTwiml({ kind: 'voicemail', reason: 'no-answer' }, rules());

      expect(verbs(xml)).toEqual(['Say', 'Record', 'Say', 'Hangup']);
      expect(findOrFail(xml, 'Say').text).toBe(
        'Sorry, nobody is available to take your call. Please leave a message after the tone, then hang up or press the pound key.',
      );
    });

    it('posts the recording to /voice/voicemail and its status to /voice/recording', () => {
      const record = findOrFail(renderTwiml({ kind: 'voicemail', reason: 'no-answer' }, rules()), 'Record');

      expect(record.attributes).toMatchObject({
        action: '/voice/voicemail',
        method: 'POST',
        recordingStatusCallback: '/voice/recording',
        recordingStatusCallbackMethod: 'POST',
        finishOnKey: '#',
        maxLength: '120',
        playBeep: 'true',
      });
    });

    it('apologises for not connecting when no operator is configured', () => {
      const xml = renderTwiml({ kind: 'voicemail', reason: 'no-operator' }, rules());

      expect(findOrFail(xml, 'Say').text).toBe(
        'Sorry, we could not connect your call. Please leave a message after the tone, then hang up or press the pound key.',
      );
    });

    it('says goodbye when nothing was recorded', () => {
      const response = parseTwiml(renderTwiml({ kind: 'voicemail', reason: 'no-answer' }, rules()));

      expect(response.children[2].text).toBe('We did not receive a message. Goodbye.');
    });

    it('asks for no transcription while transcribeVoicemail is off', () => {
      const record = findOrFail(renderTwiml({ kind: 'voicemail', reason: 'no-answer' }, rules()), 'Record');

      expect(record.attributes).not.toHaveProperty('transcribe');
      expect(record.attributes).not.toHaveProperty('transcribeCallback');
    });

    it.each([
      ['a voicemail', { kind: 'voicemail', reason: 'no-answer' }],
      ["a closed department's voicemail", { kind: 'closed-voicemail', department: department() }],
    ] as const)(
      'has Twilio transcribe %s and post the text to /voice/transcription when transcribeVoicemail is on',
      (_case, decision) => {
        const record = findOrFail(renderTwiml(decision, rules({ transcribeVoicemail: true })), 'Record');

        expect(record.attributes).toMatchObject({
          transcribe: 'true',
          transcribeCallback: '/voice/transcription',
          recordingStatusCallback: '/voice/recording',
        });
      },
    );

    it('points the transcription callback under the path the webhooks arrived at', () => {
      const xml = renderTwiml(
        { kind: 'voicemail', reason: 'no-answer' },
        rules({ transcribeVoicemail: true }),
        '/api/voice',
      );

      expect(findOrFail(xml, 'Record').attributes.transcribeCallback).toBe('/api/voice/transcription');
    });

    it('changes nothing else in the TwiML when transcribeVoicemail is on', () => {
      const decision = { kind: 'voicemail', reason: 'no-answer' } as const;
      const on = renderTwiml(decision, rules({ transcribeVoicemail: true }));

      expect(on.replace(' transcribe="true" transcribeCallback="/voice/transcription"', '')).toBe(
        renderTwiml(decision, rules()),
      );
    });
  });

  it('says goodbye and hangs up', () => {
    const xml = renderTwiml({ kind: 'goodbye' }, rules());

    expect(verbs(xml)).toEqual(['Say', 'Hangup']);
    expect(findOrFail(xml, 'Say').text).toBe('Thank you for calling. Goodbye.');
    expect(findOrFail(xml, 'Say').attributes).toMatchObject({ voice: 'Polly.Joanna', language: 'en-GB' });
  });

  it('thanks the caller for the message and hangs up', () => {
    const xml = renderTwiml({ kind: 'voicemail-recorded' }, rules());

    expect(verbs(xml)).toEqual(['Say', 'Hangup']);
    expect(findOrFail(xml, 'Say').text).toBe('Thank you, your message has been recorded. Goodbye.');
  });

  describe('escaping', () => {
    const HOSTILE = 'R&D <Labs> ]]> "quoted" \'single\'';

    it('keeps a department name with markup characters as text in the menu', () => {
      const xml = renderTwiml(menu(1, false), rules({}, [department({ name: HOSTILE, digit: '1', keywords: [] })]));

      expect(findOrFail(xml, 'Say').text).toBe(`For ${HOSTILE}, press 1.`);
    });

    it('keeps a department name with markup characters as text when dialling', () => {
      const xml = renderTwiml({ kind: 'dial-department', department: department({ name: HOSTILE }) }, rules());

      expect(verbs(xml)).toEqual(['Say', 'Dial']);
      expect(findOrFail(xml, 'Say').text).toBe(`Connecting you to ${HOSTILE}.`);
    });

    it('keeps a greeting with markup characters as text', () => {
      const xml = renderTwiml(
        menu(1, true),
        rules({ greeting: `Welcome to ${HOSTILE}` }, [department({ name: 'Sales', keywords: [] })]),
      );

      expect(findOrFail(xml, 'Say').text).toBe(`Welcome to ${HOSTILE} For Sales, press 1.`);
    });

    it('keeps keywords with markup characters in the hints attribute', () => {
      const xml = renderTwiml(menu(), rules({}, [department({ keywords: ['R&D', '<labs>', '"quoted"'] })]));

      expect(hintsOf(xml)).toEqual(['R&D', '<labs>', '"quoted"']);
    });
  });
});

describe('renderApology', () => {
  it('apologises and hangs up', () => {
    const xml = renderApology();

    expect(verbs(xml)).toEqual(['Say', 'Hangup']);
    expect(findOrFail(xml, 'Say').text).toBe(
      "We're sorry, we are having technical difficulties. Please call again later. Goodbye.",
    );
  });
});

describe('renderEmptyResponse', () => {
  it('is a well-formed empty <Response>', () => {
    expect(verbs(renderEmptyResponse())).toEqual([]);
  });
});
