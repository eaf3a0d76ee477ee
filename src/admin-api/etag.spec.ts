import { PreconditionFailedError, PreconditionRequiredError } from './admin-errors.js';
import { assertIfMatch, etagFor } from './etag.js';

function preconditionFailureFor(ifMatch: string, currentVersion: number): PreconditionFailedError {
  try {
    assertIfMatch(ifMatch, currentVersion);
  } catch (error) {
    if (error instanceof PreconditionFailedError) return error;
    throw error;
  }
  throw new Error(`expected a PreconditionFailedError for If-Match ${ifMatch}`);
}

describe('etagFor', () => {
  it('quotes the version as a strong entity tag', () => {
    expect(etagFor(3)).toBe('"3"');
  });

  it('gives different versions different tags', () => {
    expect(etagFor(10)).not.toBe(etagFor(1));
  });
});

describe('assertIfMatch', () => {
  it('accepts the current tag', () => {
    expect(() => assertIfMatch('"3"', 3)).not.toThrow();
  });

  it('accepts the current tag surrounded by spaces', () => {
    expect(() => assertIfMatch('  "3" ', 3)).not.toThrow();
  });

  it('accepts a weak tag with the current value', () => {
    expect(() => assertIfMatch('W/"3"', 3)).not.toThrow();
  });

  it.each(['"1", "3"', '"3","4"', '"1", W/"3", "7"'])('accepts the list %s, which names the current tag', (ifMatch) => {
    expect(() => assertIfMatch(ifMatch, 3)).not.toThrow();
  });

  it.each([
    ['quoted', '"3"'],
    ['bare', '3'],
    ['bare, surrounded by spaces', ' 3 '],
    ['weak', 'W/"3"'],
    ['weak and bare', 'W/3'],
    ['bare, in a list', '1, 3'],
  ])('accepts the current version %s: %s', (_form, ifMatch) => {
    expect(() => assertIfMatch(ifMatch, 3)).not.toThrow();
  });

  it('accepts "*" whatever the version', () => {
    expect(() => assertIfMatch('*', 42)).not.toThrow();
  });

  it.each([undefined, '', '   '])('requires If-Match when it is %j', (ifMatch) => {
    expect(() => assertIfMatch(ifMatch, 3)).toThrow(PreconditionRequiredError);
  });

  it.each(['"2"', 'W/"2"', '"1", "2"', '"30"', '2', '30', '"3', '3"', 'abc', '"abc"', 'v3', '-3', '3.0'])(
    'refuses the stale or foreign If-Match %s and names the current tag',
    (ifMatch) => {
      const error = preconditionFailureFor(ifMatch, 3);

      expect(error.details).toEqual({ currentEtag: '"3"' });
    },
  );
});
