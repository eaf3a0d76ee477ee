import { callerInfoFrom } from './caller-info.js';

describe('callerInfoFrom', () => {
  it.each([
    ['nothing', undefined, {}],
    ['not an object', 'Ada', {}],
    [
      'every field',
      { callerName: ' Ada ', greeting: 'Hi Ada.', departmentId: 'd1', tags: ['vip'] },
      { callerName: 'Ada', greeting: 'Hi Ada.', departmentId: 'd1', tags: ['vip'] },
    ],
    ['fields of the wrong type dropped', { callerName: 7, greeting: {}, departmentId: ['d1'], tags: 'vip' }, {}],
    ['blank fields dropped', { callerName: '  ', greeting: '', tags: [' ', 3] }, {}],
    ['duplicate tags once', { tags: ['vip', 'vip ', 'gold'] }, { tags: ['vip', 'gold'] }],
    ['semicolons out of tags (the CSV lists them with one)', { tags: ['a;b'] }, { tags: ['a b'] }],
    ['unknown fields ignored', { callerName: 'Ada', admin: true }, { callerName: 'Ada' }],
  ])('%s', (_name, answer, expected) => {
    expect(callerInfoFrom(answer)).toEqual(expected);
  });

  it('bounds what is stored and spoken', () => {
    const info = callerInfoFrom({
      callerName: 'n'.repeat(1000),
      greeting: 'g'.repeat(1000),
      tags: Array.from({ length: 50 }, (_, index) => `${index}${'t'.repeat(100)}`),
    });
    expect(info.callerName).toHaveLength(255);
    expect(info.greeting).toHaveLength(500);
    expect(info.tags).toHaveLength(20);
    expect(info.tags?.every((tag) => tag.length === 64)).toBe(true);
  });
});
