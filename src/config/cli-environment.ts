import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** What the command-line tools read from the environment: the same variables, and files, as the server. */
export interface CliEnvironment {
  readonly twilioAuthToken: string | null;
  readonly publicBaseUrl: string | null;
}

export async function readCliEnvironment(): Promise<CliEnvironment> {
  const dataDir = resolve(process.env.DATA_DIR || './.data');
  const fromFile = await readFile(join(dataDir, 'twilio-auth-token'), 'utf8').then(
    (token) => token.trim() || null,
    () => null,
  );
  return {
    twilioAuthToken: process.env.TWILIO_AUTH_TOKEN || fromFile,
    publicBaseUrl: process.env.PUBLIC_BASE_URL || null,
  };
}
