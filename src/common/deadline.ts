/** Resolves like `work`, or rejects with `timedOut()` after `milliseconds` (the work itself goes on). */
export async function withDeadline<T>(work: Promise<T>, milliseconds: number, timedOut: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(timedOut()), milliseconds);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
