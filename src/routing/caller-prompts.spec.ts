import {
  changePrompts,
  DEFAULT_PROMPTS,
  effectivePrompts,
  fillPrompt,
  fillTemplate,
  placeholdersOf,
  PROMPT_KEYS,
  type PromptKey,
  unknownPlaceholders,
} from './caller-prompts.js';

describe('fillTemplate', () => {
  it.each([
    [
      'fills each placeholder',
      'For {department}, press {digit}.',
      { department: 'Sales', digit: '1' },
      'For Sales, press 1.',
    ],
    ['fills a placeholder used twice', '{department}? {department}!', { department: 'Sales' }, 'Sales? Sales!'],
    ['leaves text without placeholders alone', 'Goodbye.', { department: 'Sales' }, 'Goodbye.'],
    ['leaves a placeholder without a value as written', 'Hello {name}.', { department: 'Sales' }, 'Hello {name}.'],
    [
      'does not read placeholders inside a value',
      'To {department}.',
      { department: '{digit}', digit: '1' },
      'To {digit}.',
    ],
    ['inserts replacement patterns literally', 'To {department}.', { department: "$& $' $1" }, "To $& $' $1."],
    ['ignores names not written exactly', 'To { department }.', { department: 'Sales' }, 'To { department }.'],
    ['ignores inherited names', 'To {toString}.', {}, 'To {toString}.'],
    ['leaves lone braces alone', 'A { or a } is said as is.', {}, 'A { or a } is said as is.'],
    ['fills an empty value', '[{department}]', { department: '' }, '[]'],
  ])('%s', (_behaviour, template, values, expected) => {
    expect(fillTemplate(template, values)).toBe(expected);
  });
});

describe('DEFAULT_PROMPTS', () => {
  // Today's sentences, written out: the defaults must say exactly these.
  const TODAY: Record<PromptKey, [Record<string, string>, string]> = {
    lowConfidence: [{}, "Sorry, I didn't catch that clearly."],
    noMatch: [{}, "Sorry, that isn't one of the options."],
    noInput: [{}, "Sorry, I didn't hear a choice."],
    menuOptionDigitAndKeyword: [
      { department: 'Sales', digit: '1', keyword: 'sales' },
      'For Sales, press 1 or say sales.',
    ],
    menuOptionDigit: [{ department: 'Sales', digit: '1' }, 'For Sales, press 1.'],
    menuOptionKeyword: [{ department: 'Sales', keyword: 'sales' }, 'For Sales, say sales.'],
    menuBackKey: [{}, 'To go back, press star.'],
    menuRepeatKey: [{}, 'To hear these options again, press pound.'],
    menuOperatorKey: [{}, 'To speak to an operator, press 0.'],
    languageChoice: [{ language: 'English', digit: '1' }, 'For English, press 1.'],
    menuClosedDepartment: [{ department: 'Sales' }, 'Sales, which is closed now'],
    departmentClosed: [{ department: 'Sales' }, 'Sales is closed now.'],
    departmentHours: [
      { hours: 'Monday to Friday, 9 AM to 5 PM', timeZone: 'Eastern Time' },
      'Its hours are Monday to Friday, 9 AM to 5 PM (Eastern Time).',
    ],
    departmentOpensAgain: [{ opening: 'tomorrow at 9 AM' }, 'It opens again tomorrow at 9 AM.'],
    connectingToDepartment: [{ department: 'Sales' }, 'Connecting you to Sales.'],
    connectingToOperator: [{}, 'Connecting you to an operator.'],
    connectingAfterHours: [{ department: 'Sales' }, 'Sales is closed now. Connecting you to our after-hours line.'],
    voicemailNobodyAvailable: [{}, 'Sorry, nobody is available to take your call.'],
    voicemailCallFailed: [{}, 'Sorry, we could not connect your call.'],
    voicemailInstructions: [{}, 'Please leave a message after the tone, then hang up or press the pound key.'],
    voicemailNothingRecorded: [{}, 'We did not receive a message. Goodbye.'],
    voicemailRecorded: [{}, 'Thank you, your message has been recorded. Goodbye.'],
    goodbye: [{}, 'Thank you for calling. Goodbye.'],
    technicalDifficulties: [{}, "We're sorry, we are having technical difficulties. Please call again later. Goodbye."],
    technicalDifficultiesConnecting: [
      {},
      "We're sorry, we are having technical difficulties. Connecting you to an operator.",
    ],
  };

  it.each(PROMPT_KEYS)('%s says what callers heard before prompts were settings', (key) => {
    const [values, sentence] = TODAY[key];
    expect(fillTemplate(DEFAULT_PROMPTS[key], values)).toBe(sentence);
  });

  it.each(PROMPT_KEYS)('%s uses each of its placeholders, and only those', (key) => {
    expect(unknownPlaceholders(key, DEFAULT_PROMPTS[key])).toEqual([]);
    for (const name of placeholdersOf(key)) expect(DEFAULT_PROMPTS[key]).toContain(`{${name}}`);
  });

  it('fills a prompt by key', () => {
    expect(fillPrompt(DEFAULT_PROMPTS, 'connectingToDepartment', { department: 'Support' })).toBe(
      'Connecting you to Support.',
    );
  });
});

describe('unknownPlaceholders', () => {
  it.each([
    ['connectingToDepartment', 'Putting you through to {department}.', []],
    ['connectingToDepartment', 'Putting you through to {team}.', ['{team}']],
    ['noMatch', 'Sorry, {department} is not an option.', ['{department}']],
    ['menuOptionDigit', '{department}: {digit}, {keyword}, { digit }, {}', ['{keyword}', '{ digit }', '{}']],
    ['departmentHours', 'Open {hours}, {timeZone}.', []],
    ['noMatch', 'Braces alone { are } fine.', ['{ are }']],
  ] as const)('%s in %j: %j', (key, text, expected) => {
    expect(unknownPlaceholders(key, text)).toEqual(expected);
  });
});

describe('effectivePrompts', () => {
  it('is the defaults when nothing was changed', () => {
    expect(effectivePrompts({})).toEqual(DEFAULT_PROMPTS);
    expect(effectivePrompts(null)).toEqual(DEFAULT_PROMPTS);
    expect(effectivePrompts(undefined)).toEqual(DEFAULT_PROMPTS);
  });

  it('puts the changed prompts over the defaults', () => {
    expect(effectivePrompts({ noMatch: 'Try again.' })).toEqual({ ...DEFAULT_PROMPTS, noMatch: 'Try again.' });
  });

  it('ignores stored entries that are no prompt, not text, or empty', () => {
    expect(effectivePrompts({ retired: 'Old.', noMatch: 3, noInput: '', goodbye: null })).toEqual(DEFAULT_PROMPTS);
  });
});

describe('changePrompts', () => {
  it('changes the named prompts and keeps the others', () => {
    expect(changePrompts({ noMatch: 'Try again.' }, { goodbye: 'Bye.' })).toEqual({
      noMatch: 'Try again.',
      goodbye: 'Bye.',
    });
  });

  it('replaces a changed prompt', () => {
    expect(changePrompts({ noMatch: 'Try again.' }, { noMatch: 'Once more.' })).toEqual({ noMatch: 'Once more.' });
  });

  it('stores nothing for a prompt set back to its default', () => {
    expect(changePrompts({ noMatch: 'Try again.' }, { noMatch: DEFAULT_PROMPTS.noMatch })).toEqual({});
  });

  it('skips prompts sent as undefined and drops stored entries that are no prompt', () => {
    expect(changePrompts({ retired: 'Old.', goodbye: 'Bye.' }, { noMatch: undefined })).toEqual({ goodbye: 'Bye.' });
  });
});
