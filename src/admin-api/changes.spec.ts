import { withoutUnchanged } from './changes.js';

interface Row {
  readonly name: string;
  readonly digit: string | null;
  readonly keywords: readonly string[];
  readonly confidenceThreshold: number | null;
  readonly active: boolean;
}

const CURRENT: Row = {
  name: 'Sales',
  digit: '1',
  keywords: ['sales', 'buy'],
  confidenceThreshold: null,
  active: true,
};

describe('withoutUnchanged', () => {
  it('keeps the fields whose value differs', () => {
    expect(withoutUnchanged(CURRENT, { name: 'Sales team', active: false })).toEqual({
      name: 'Sales team',
      active: false,
    });
  });

  it('drops the fields sent with their current value', () => {
    expect(withoutUnchanged(CURRENT, { name: 'Sales', digit: '2', active: true })).toEqual({ digit: '2' });
  });

  it('returns nothing when every field sent is unchanged', () => {
    expect(withoutUnchanged(CURRENT, { ...CURRENT })).toEqual({});
  });

  it('drops fields that were not sent (undefined)', () => {
    expect(withoutUnchanged(CURRENT, { name: undefined, digit: '3' })).toStrictEqual({ digit: '3' });
  });

  it('compares arrays by value, not by reference', () => {
    expect(withoutUnchanged(CURRENT, { keywords: ['sales', 'buy'] })).toEqual({});
  });

  it('counts a reordered or different array as a change', () => {
    expect(withoutUnchanged(CURRENT, { keywords: ['buy', 'sales'] })).toEqual({ keywords: ['buy', 'sales'] });
    expect(withoutUnchanged(CURRENT, { keywords: ['sales'] })).toEqual({ keywords: ['sales'] });
  });

  it('keeps null when it clears a value', () => {
    expect(withoutUnchanged(CURRENT, { digit: null })).toStrictEqual({ digit: null });
  });

  it('drops null when the value is already null', () => {
    expect(withoutUnchanged(CURRENT, { confidenceThreshold: null })).toEqual({});
  });

  it('keeps a value that replaces null', () => {
    expect(withoutUnchanged(CURRENT, { confidenceThreshold: 0.7 })).toEqual({ confidenceThreshold: 0.7 });
  });

  it('does not treat a number and its string form as equal', () => {
    const current = { position: 1 } as { position: number | string };

    expect(withoutUnchanged(current, { position: '1' })).toEqual({ position: '1' });
  });

  it('leaves both arguments untouched', () => {
    const current: Row = { ...CURRENT, keywords: [...CURRENT.keywords] };
    const requested: Partial<Row> = { name: 'Sales', digit: '2', keywords: ['help'] };

    withoutUnchanged(current, requested);

    expect(current).toEqual(CURRENT);
    expect(requested).toEqual({ name: 'Sales', digit: '2', keywords: ['help'] });
  });
});
