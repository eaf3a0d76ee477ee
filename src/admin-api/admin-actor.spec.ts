import { checkedAdminActor } from './admin-actor.js';

describe('checkedAdminActor', () => {
  it.each([undefined, null])('answers no actor for %s', (value) => {
    expect(checkedAdminActor(value)).toBeUndefined();
  });

  it('keeps id, name and role, and nothing else', () => {
    expect(checkedAdminActor({ id: 'u-1', name: 'Jane', role: 'viewer', email: 'jane@example.com' })).toStrictEqual({
      id: 'u-1',
      name: 'Jane',
      role: 'viewer',
    });
  });

  it.each<[string, unknown]>([
    ['a string', 'jane'],
    ['an empty object', {}],
    ['a numeric id', { id: 42, name: 'Jane', role: 'admin' }],
    ['a blank id', { id: '  ', name: 'Jane', role: 'admin' }],
    ['a missing name', { id: 'u-1', role: 'admin' }],
    ['a name longer than 255 characters', { id: 'u-1', name: 'n'.repeat(256), role: 'admin' }],
    ['another role', { id: 'u-1', name: 'Jane', role: 'superuser' }],
    ['no role', { id: 'u-1', name: 'Jane' }],
  ])('refuses %s as a bug of the resolver', (_case, value) => {
    expect(() => checkedAdminActor(value)).toThrow('The admin actor resolver answered something else');
  });
});
