import { findByDigit, matchBySpeech, normaliseSpeech } from './match.js';
import { menuDepartment } from '../../test/helpers/menu-fixtures.js';

const department = menuDepartment;

describe('normaliseSpeech', () => {
  it('lower-cases the text', () => {
    expect(normaliseSpeech('BILLING Please')).toBe('billing please');
  });

  it('replaces punctuation with spaces', () => {
    expect(normaliseSpeech('Billing. Sales, please!')).toBe('billing sales please');
  });

  it('splits words joined by punctuation', () => {
    expect(normaliseSpeech('e-mail/fax')).toBe('e mail fax');
  });

  it('collapses and trims whitespace', () => {
    expect(normaliseSpeech('  technical \t\n  support  ')).toBe('technical support');
  });

  it('keeps digits', () => {
    expect(normaliseSpeech('Press 2')).toBe('press 2');
  });

  it('keeps letters outside ASCII', () => {
    expect(normaliseSpeech('Ça va, ÄRGER! Привет')).toBe('ça va ärger привет');
  });

  it('treats a decomposed accent the same as the composed letter', () => {
    expect(normaliseSpeech('Cafe\u0301')).toBe(normaliseSpeech('Café'));
    expect(normaliseSpeech('Cafe\u0301')).toBe('café');
  });

  it('folds full-width letters to their plain form', () => {
    expect(normaliseSpeech('ＳＡＬＥＳ')).toBe('sales');
  });

  it('keeps the combining marks of scripts such as Devanagari inside the word', () => {
    // "बिल्कुल" (absolutely) is one word; its vowel signs and virama are marks, not punctuation.
    expect(normaliseSpeech('बिल्कुल')).toBe('बिल्कुल');
  });

  it('returns an empty string for punctuation only', () => {
    expect(normaliseSpeech(' ?!... ')).toBe('');
  });
});

describe('matchBySpeech', () => {
  const sales = department();
  const support = department({
    id: 'support-id',
    name: 'Support',
    digit: '2',
    keywords: ['support', 'technical support', 'help'],
  });
  const billing = department({ id: 'billing-id', name: 'Billing', digit: '3', keywords: ['billing', 'invoice'] });
  const menu = [sales, support, billing];

  it('matches a keyword said as a whole word and reports which keyword matched', () => {
    expect(matchBySpeech('I have a question about my invoice', menu)).toEqual({
      option: billing,
      keyword: 'invoice',
    });
  });

  it('ignores case and punctuation in the speech', () => {
    expect(matchBySpeech('BILLING, please.', menu)).toEqual({ option: billing, keyword: 'billing' });
  });

  it('does not match a keyword inside a longer word', () => {
    expect(matchBySpeech('I work at salesforce', [sales])).toBeNull();
  });

  it('does not match a keyword at the end of a longer word', () => {
    expect(matchBySpeech('resales', [sales])).toBeNull();
  });

  it('does not match a Devanagari keyword inside a longer word', () => {
    const hindiBilling = department({ id: 'hindi-billing-id', keywords: ['बिल'] });

    // "बिल्कुल" (absolutely) must not route to "बिल" (bill).
    expect(matchBySpeech('बिल्कुल', [hindiBilling])).toBeNull();
  });

  it('matches a phrase said as consecutive words', () => {
    const technical = department({ id: 'technical-id', keywords: ['technical support'] });

    expect(matchBySpeech('I need technical support now', [technical])).toEqual({
      option: technical,
      keyword: 'technical support',
    });
  });

  it('does not match a phrase whose words are not consecutive', () => {
    const technical = department({ id: 'technical-id', keywords: ['technical support'] });

    expect(matchBySpeech('a technical question, not support', [technical])).toBeNull();
  });

  it('picks the keyword said first, whatever the menu order', () => {
    expect(matchBySpeech('billing, or maybe sales', menu)).toEqual({
      option: billing,
      keyword: 'billing',
    });
  });

  it('picks the longer phrase when two keywords start at the same word', () => {
    const technical = department({ id: 'technical-id', keywords: ['technical'] });
    const technicalSupport = department({ id: 'technical-support-id', keywords: ['technical support'] });

    expect(matchBySpeech('technical support please', [technical, technicalSupport])).toEqual({
      option: technicalSupport,
      keyword: 'technical support',
    });
  });

  it('picks the longer phrase within one department when two of its keywords start at the same word', () => {
    const orders = department({ id: 'orders-id', keywords: ['order', 'order status'] });

    expect(matchBySpeech('order status', [orders])).toEqual({ option: orders, keyword: 'order status' });
  });

  it('picks the department first in menu order when the same keyword belongs to two', () => {
    const first = department({ id: 'first-id', keywords: ['help'] });
    const second = department({ id: 'second-id', keywords: ['help'] });

    expect(matchBySpeech('help', [first, second])?.option).toBe(first);
    expect(matchBySpeech('help', [second, first])?.option).toBe(second);
  });

  it('matches a configured keyword that contains punctuation or capitals', () => {
    const email = department({ id: 'email-id', keywords: ['E-Mail!'] });

    expect(matchBySpeech('my e mail is broken', [email])).toEqual({ option: email, keyword: 'E-Mail!' });
    expect(matchBySpeech('my E-mail is broken', [email])).toEqual({ option: email, keyword: 'E-Mail!' });
  });

  it('ignores a keyword that is only punctuation or whitespace', () => {
    const blank = department({ id: 'blank-id', keywords: ['...', '   ', ''] });

    expect(matchBySpeech('anything at all', [blank])).toBeNull();
  });

  it('returns null when no keyword was said', () => {
    expect(matchBySpeech('pizza please', menu)).toBeNull();
  });

  it('returns null for empty speech', () => {
    expect(matchBySpeech('', menu)).toBeNull();
  });
});

describe('findByDigit', () => {
  const sales = department();
  const support = department({ id: 'support-id', digit: '2' });
  const speechOnly = department({ id: 'speech-only-id', digit: null, keywords: ['billing'] });
  const menu = [speechOnly, sales, support];

  it('finds the department with the pressed digit', () => {
    expect(findByDigit('2', menu)).toBe(support);
  });

  it('returns null when no department has the digit', () => {
    expect(findByDigit('9', menu)).toBeNull();
  });

  it('matches the whole input only, not its first digit', () => {
    expect(findByDigit('12', menu)).toBeNull();
  });
});
