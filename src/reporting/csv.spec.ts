import { csvField, csvLine } from './csv.js';

describe('csvField', () => {
  it.each([
    ['plain text', 'Sales', 'Sales'],
    ['an empty string', '', ''],
    ['a comma', 'Sales, EMEA', '"Sales, EMEA"'],
    ['a double quote', 'The "A" team', '"The ""A"" team"'],
    ['a line break', 'two\nlines', '"two\nlines"'],
    ['a carriage return inside', 'a\rb', '"a\rb"'],
    ['a whole phone number', '+15551230123', '+15551230123'],
    ['a masked phone number', '+1555***0123', '+1555***0123'],
    ['a SIP address', 'sip:alice@pbx.example.com', 'sip:alice@pbx.example.com'],
    ['a formula', '=HYPERLINK("http://evil.example")', '"\'=HYPERLINK(""http://evil.example"")"'],
    ['text starting with @', '@SUM(A1)', "'@SUM(A1)"],
    ['text starting with -', '-2+3', "'-2+3"],
    ['text starting with + that is no phone number', '+1+1', "'+1+1"],
    ['text starting with a tab', '\tx', "'\tx"],
  ])('writes %s', (_case, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes null as an empty field', () => {
    expect(csvField(null)).toBe('');
  });

  it.each([
    [0, '0'],
    [42, '42'],
    [-3, '-3'],
    [1.5, '1.5'],
  ])('writes the number %d as %s', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('csvLine', () => {
  it('joins the fields with commas and ends the record with CRLF', () => {
    expect(csvLine(['CA1', null, 3, 'a,b'])).toBe('CA1,,3,"a,b"\r\n');
  });
});
