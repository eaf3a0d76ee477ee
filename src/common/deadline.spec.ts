import { withDeadline } from './deadline.js';

class TooSlow extends Error {}

describe('withDeadline', () => {
  it('resolves with the work when it finishes in time', async () => {
    await expect(withDeadline(Promise.resolve('done'), 50, () => new TooSlow())).resolves.toBe('done');
  });

  it("rejects with the caller's error when the work takes longer", async () => {
    const slow = new Promise((resolve) => setTimeout(resolve, 200, 'late'));
    await expect(withDeadline(slow, 20, () => new TooSlow())).rejects.toBeInstanceOf(TooSlow);
  });

  it('passes the work’s own failure through', async () => {
    await expect(withDeadline(Promise.reject(new Error('boom')), 50, () => new TooSlow())).rejects.toThrow('boom');
  });
});
