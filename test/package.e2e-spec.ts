import { spawn } from 'node:child_process';
import { IvrModule as PackageEntry } from 'twilio-ivr-backend';
import { inject } from 'vitest';
import { IvrModule as SourceEntry } from '../src/index.js';

const TEN_MINUTES = 600_000;

/** `npm run check:package` on this run's PostgreSQL server; resolves with its exit code and everything it printed. */
async function checkPackage(): Promise<{ code: number | null; output: string }> {
  // Its own process group: npm does not pass a SIGTERM on to the script it runs, a signal to the group reaches all.
  const child = spawn('npm', ['run', 'check:package'], {
    env: { ...process.env, DATABASE_URL: inject('testServerUrl') },
    stdio: 'pipe',
    detached: true,
  });
  // On a hang: SIGTERM, which the check answers by stopping its hosts and removing its scratch folder.
  const hang = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGTERM'), TEN_MINUTES - 30_000);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    return { code, output };
  } finally {
    clearTimeout(hang);
  }
}

describe('the npm package', () => {
  it("resolves to the TypeScript source in this repo's own tests (the ivr-source condition)", () => {
    expect(PackageEntry).toBe(SourceEntry);
  });

  it(
    'installs from its tarball into an ESM and a CommonJS host, which type-check strictly and serve the IVR',
    async () => {
      const { code, output } = await checkPackage();

      expect(code, output).toBe(0);
    },
    TEN_MINUTES,
  );
});
