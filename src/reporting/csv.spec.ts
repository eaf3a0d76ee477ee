import { csvField, csvLine, defuseFormulas } from './csv.js';

describe('defuseFormulas', () => {
  it.each([
    ['plain text', 'Sales', 'Sales'],
    ['a hyphen inside a name', 'Sales - EMEA', 'Sales - EMEA'],
    ['separators followed by text', 'Sales;EMEA, North|South', 'Sales;EMEA, North|South'],
    ['a whole phone number', '+15551230123', '+15551230123'],
    ['a masked phone number', '+1555***0123', '+1555***0123'],
    ['a formula at the start', '=1+1', "'=1+1"],
    ['a formula after blanks', '  =1+1', "  '=1+1"],
    ['a formula after a double quote', '"=1+1', '"\'=1+1'],
    ['a formula after ;', "x;=cmd|' /C calc'!A0;", "x;'=cmd|' /C calc'!A0;"],
    ['a formula after ; and a blank', 'x; =1+1', "x; '=1+1"],
    ['a formula after ; and a double quote', 'x;"=1+1"', 'x;"\'=1+1"'],
    ['+ after a comma', 'a,+1', "a,'+1"],
    ['- after a pipe', 'a|-1', "a|'-1"],
    ['@ after a tab', 'a\t@SUM(1)', "a\t'@SUM(1)"],
    ['= after a line break', 'a\r\n=1', "a\r\n'=1"],
    ['= after a carriage return', 'a\r=1', "a\r'=1"],
    ['a tab after a separator, then a formula', 'a;\t=1', "a;'\t'=1"],
    ['a tab at the start', '\tx', "'\tx"],
    ['a carriage return at the start', '\rx', "'\rx"],
    ['every trigger after a separator', 'a;=1;+2;-3;@4', "a;'=1;'+2;'-3;'@4"],
    ['a phone number after a separator', 'a;+15551230123', "a;'+15551230123"],
  ])('defuses %s', (_case, text, expected) => {
    expect(defuseFormulas(text)).toBe(expected);
  });
});

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
    ['a formula after ;', "x;=cmd|' /C calc'!A0;", "x;'=cmd|' /C calc'!A0;"],
    ['a formula after a comma, quoted', 'Sales, =1+1', '"Sales, \'=1+1"'],
    ['a formula after a line break, quoted', 'two\n=lines', '"two\n\'=lines"'],
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
