/** Options a host got wrong: one line naming the option and what it must be. */
export class IvrOptionsError extends Error {
  constructor(problem: string) {
    super(`IvrModule options: ${problem}`);
    this.name = 'IvrOptionsError';
  }
}
