import { CallScriptError, chooseServerUrl, DIAL_RESULTS, parseCallScript, wantsHelp } from './call-script.js';

function scriptError(args: readonly string[]): CallScriptError {
  try {
    parseCallScript(args);
  } catch (error) {
    if (error instanceof CallScriptError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(args)} to be rejected`);
}

describe('parseCallScript', () => {
  describe('inputs', () => {
    it('keeps digits, speech and silence in the order they appear on the command line', () => {
      const sut = parseCallScript([
        '--digits',
        '9',
        '--silence',
        '--say',
        'billing please',
        '--digits',
        '1#',
        '--silence',
      ]);

      expect(sut.inputs).toEqual([
        { kind: 'digits', digits: '9' },
        { kind: 'silence' },
        { kind: 'speech', text: 'billing please' },
        { kind: 'digits', digits: '1#' },
        { kind: 'silence' },
      ]);
    });

    it('has no inputs when the caller is given none', () => {
      expect(parseCallScript([]).inputs).toEqual([]);
    });

    it('accepts every keypad key as digits', () => {
      expect(parseCallScript(['--digits', '0123456789*#']).inputs).toEqual([
        { kind: 'digits', digits: '0123456789*#' },
      ]);
    });

    it.each([
      ['2', ['2']],
      ['1#', ['1#']],
      ['2,1', ['2', '1']],
      ['2,*,1', ['2', '*', '1']],
      ['#,0', ['#', '0']],
      ['12,34', ['12', '34']],
    ])('reads --digits %s as one answer per menu round: %j', (value, rounds) => {
      expect(parseCallScript(['--digits', value]).inputs).toEqual(rounds.map((digits) => ({ kind: 'digits', digits })));
    });

    it('keeps the rounds of a --digits list in their place among the other answers', () => {
      const sut = parseCallScript(['--say', 'soporte', '--digits', '1,#', '--silence', '--digits', '2']);

      expect(sut.inputs).toEqual([
        { kind: 'speech', text: 'soporte' },
        { kind: 'digits', digits: '1' },
        { kind: 'digits', digits: '#' },
        { kind: 'silence' },
        { kind: 'digits', digits: '2' },
      ]);
    });

    it('does not split --say on commas: speech may hold them', () => {
      expect(parseCallScript(['--say', 'billing, please']).inputs).toEqual([
        { kind: 'speech', text: 'billing, please' },
      ]);
    });

    it.each([['abc'], ['12a'], ['1 2'], ['+1'], [''], ['2,'], [',1'], ['2,,1'], ['2;1'], ['2, 1']])(
      'rejects --digits "%s", which are not keypad keys between commas',
      (digits) => {
        expect(scriptError([`--digits=${digits}`]).message).toBe(
          `--digits takes keypad keys (0-9 * #), one round's keys between commas (--digits 2,1), not "${digits}"`,
        );
      },
    );

    it.each([[''], ['   ']])('rejects --say "%s" without words', (text) => {
      expect(scriptError([`--say=${text}`]).message).toBe('--say needs the words the caller says');
    });
  });

  describe('--confidence', () => {
    it('attaches to the --say just before it and to no other', () => {
      const sut = parseCallScript(['--say', 'sales', '--say', 'billing', '--confidence', '0.85', '--say', 'support']);

      expect(sut.inputs).toStrictEqual([
        { kind: 'speech', text: 'sales' },
        { kind: 'speech', text: 'billing', confidence: 0.85 },
        { kind: 'speech', text: 'support' },
      ]);
    });

    it.each([
      ['0', 0],
      ['1', 1],
      ['.5', 0.5],
      ['1.0', 1],
    ])('accepts %s as a confidence within 0..1', (value, confidence) => {
      expect(parseCallScript(['--say', 'sales', '--confidence', value]).inputs).toEqual([
        { kind: 'speech', text: 'sales', confidence },
      ]);
    });

    it.each([
      ['first on the command line', ['--confidence', '0.5']],
      ['after --digits', ['--digits', '1', '--confidence', '0.5']],
      ['after --silence that follows a --say', ['--say', 'sales', '--silence', '--confidence', '0.5']],
    ])('rejects a --confidence %s', (_, args) => {
      expect(scriptError(args).message).toBe('--confidence must follow a --say');
    });

    it.each([['1.5'], ['2'], ['-0.1'], ['abc'], ['NaN'], ['0.5x'], ['']])(
      'rejects the confidence "%s", which is not a number within 0..1',
      (value) => {
        expect(scriptError(['--say', 'sales', `--confidence=${value}`]).message).toBe(
          `--confidence must be between 0 and 1, not "${value}"`,
        );
      },
    );
  });

  describe('--language', () => {
    it("is null when not given: the server's default language", () => {
      expect(parseCallScript(['--digits', '1']).language).toBeNull();
    });

    it.each([['es-MX'], ['en-US'], ['fil-PH'], ['zh-Hant-TW'], ['es'], ['ES-mx']])(
      'takes the language code %s as given',
      (code) => {
        expect(parseCallScript(['--language', code]).language).toBe(code);
      },
    );

    it('is not an answer to a menu round', () => {
      expect(parseCallScript(['--language', 'es-MX', '--digits', '2,1']).inputs).toEqual([
        { kind: 'digits', digits: '2' },
        { kind: 'digits', digits: '1' },
      ]);
    });

    it.each([['spanish'], ['es_MX'], ['e'], ['es-'], ['']])('rejects "%s", which is not a language code', (code) => {
      expect(scriptError([`--language=${code}`]).message).toBe(
        `--language takes a language code such as es-MX or fr-CA, not "${code}"`,
      );
    });
  });

  describe('--dial', () => {
    it('ends every dial as completed when not given', () => {
      expect(parseCallScript(['--digits', '1']).dialResults).toEqual(['completed']);
    });

    it('keeps several dial results in command-line order', () => {
      const sut = parseCallScript(['--dial', 'no-answer', '--digits', '1', '--dial', 'busy', '--dial', 'completed']);

      expect(sut.dialResults).toEqual(['no-answer', 'busy', 'completed']);
      expect(sut.inputs).toEqual([{ kind: 'digits', digits: '1' }]);
    });

    it.each(DIAL_RESULTS.map((result) => [result]))('accepts the dial result %s', (result) => {
      expect(parseCallScript(['--dial', result]).dialResults).toEqual([result]);
    });

    it.each([['answered'], ['Busy'], ['']])('rejects the dial result "%s"', (result) => {
      expect(scriptError([`--dial=${result}`]).message).toBe(
        `--dial must be one of completed, busy, no-answer, failed, canceled, not "${result}"`,
      );
    });
  });

  describe('--url', () => {
    it('defaults to the local server', () => {
      expect(parseCallScript([]).url).toBe('http://localhost:3000');
    });

    it('keeps only the origin of the URL given', () => {
      expect(parseCallScript(['--url', 'https://ivr.example.com:8443/voice/incoming?x=1#top']).url).toBe(
        'https://ivr.example.com:8443',
      );
    });

    it('drops the trailing slash and the default port', () => {
      expect(parseCallScript(['--url', 'http://example.com:80/']).url).toBe('http://example.com');
    });

    it.each([['not a url'], ['//localhost:3000'], ['']])('rejects "%s", which is not a URL', (url) => {
      expect(scriptError([`--url=${url}`]).message).toBe(
        `--url must be a URL such as http://localhost:3000, not "${url}"`,
      );
    });

    // `new URL('localhost:3000')` parses with the scheme "localhost:", whose origin is the string "null".
    it('rejects a URL without an http(s) scheme rather than returning the origin "null"', () => {
      expect(scriptError(['--url', 'localhost:3000']).message).toBe(
        '--url must be a URL such as http://localhost:3000, not "localhost:3000"',
      );
    });
  });

  it('calls the port the server reads when --url is absent', () => {
    expect(parseCallScript([], { environment: '8080' }).url).toBe('http://localhost:8080');
  });

  describe('caller and called numbers', () => {
    it('defaults the caller and the called number', () => {
      const sut = parseCallScript([]);

      expect(sut.from).toBe('+15551230123');
      expect(sut.to).toBe('+15559870000');
    });

    it('takes the caller and the called number from --from and --to', () => {
      const sut = parseCallScript(['--from', '+442071234567', '--to', '+15550001111']);

      expect(sut.from).toBe('+442071234567');
      expect(sut.to).toBe('+15550001111');
    });
  });

  it('throws on an unknown option', () => {
    expect(() => parseCallScript(['--digits', '1', '--press', '2'])).toThrow(
      expect.objectContaining({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' }),
    );
  });
});

describe('chooseServerUrl', () => {
  it.each([
    [
      '--url given, over PORT and .env',
      'http://10.0.0.5:9000/x',
      { environment: '8080', dotenv: '7070' },
      'http://10.0.0.5:9000',
    ],
    ['PORT set, over .env', undefined, { environment: '8080', dotenv: '7070' }, 'http://localhost:8080'],
    ['PORT in .env only', undefined, { dotenv: '7070' }, 'http://localhost:7070'],
    ['neither: the server default', undefined, {}, 'http://localhost:3000'],
  ])('%s', (_case, urlOption, port, expected) => {
    expect(chooseServerUrl(urlOption, port)).toBe(expected);
  });

  it.each([
    [{ environment: 'abc' }, 'PORT must be an integer between 1 and 65535, not "abc" (or pass --url)'],
    [{ environment: '0' }, 'PORT must be an integer between 1 and 65535, not "0" (or pass --url)'],
    [{ dotenv: '65536' }, 'PORT in .env must be an integer between 1 and 65535, not "65536" (or pass --url)'],
  ])('refuses a port the server would refuse (%j)', (port, message) => {
    expect(() => chooseServerUrl(undefined, port)).toThrow(new CallScriptError(message));
  });
});

describe('wantsHelp', () => {
  it.each([
    [['--help'], true],
    [['-h'], true],
    [['--digits', '2,1', '--help'], true],
    [['--digits', '2,1'], false],
    [['--say', 'help'], false],
    [[], false],
  ])('%j asks for the usage: %s', (args, help) => {
    expect(wantsHelp(args)).toBe(help);
  });
});
