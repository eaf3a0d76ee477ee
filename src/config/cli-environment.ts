import { parse } from 'dotenv';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseAdminTokens } from './admin-tokens.js';

/** The admin token a command-line tool may use, and whether it is the development one (safe to print). */
export interface CliAdminToken {
  readonly secret: string;
  readonly development: boolean;
}

/** What the command-line tools read from the environment: the same variables, and files, as the server. */
export interface CliEnvironment {
  readonly twilioAuthToken: string | null;
  readonly publicBaseUrl: string | null;
  /** PORT as the process environment and the .env file give it (the environment wins, as in the server). */
  readonly port: { readonly environment?: string; readonly dotenv?: string };
  readonly adminToken: CliAdminToken | null;
}

type Variables = Readonly<Record<string, string | undefined>>;

/** The .env file of the working directory, as @nestjs/config reads it; none: empty. */
async function readDotenv(directory: string): Promise<Variables> {
  return readFile(join(directory, '.env'), 'utf8').then(
    (text) => parse(text),
    () => ({}),
  );
}

const readDevelopmentSecret = (dataDir: string, fileName: string): Promise<string | null> =>
  readFile(join(dataDir, fileName), 'utf8').then(
    (secret) => secret.trim() || null,
    () => null,
  );

/** An admin (else viewer) token from ADMIN_TOKENS; an unparsable list gives none (the server refuses to start with it). */
function configuredAdminToken(raw: string): CliAdminToken | null {
  try {
    const tokens = parseAdminTokens(raw);
    const token = tokens.find((candidate) => candidate.role === 'admin') ?? tokens[0];
    return { secret: token.secret, development: false };
  } catch {
    return null;
  }
}

export async function readCliEnvironment(): Promise<CliEnvironment> {
  const dotenv = await readDotenv(process.cwd());
  // As in @nestjs/config: a variable of the process environment wins over the same one in .env.
  const setting = (name: string): string | undefined => process.env[name] ?? dotenv[name];
  const dataDir = resolve(setting('DATA_DIR') || './.data');
  const adminTokens = setting('ADMIN_TOKENS');
  const developmentAdminSecret = adminTokens ? null : await readDevelopmentSecret(dataDir, 'admin-token');
  return {
    twilioAuthToken: setting('TWILIO_AUTH_TOKEN') || (await readDevelopmentSecret(dataDir, 'twilio-auth-token')),
    publicBaseUrl: setting('PUBLIC_BASE_URL') || null,
    port: { environment: process.env.PORT, dotenv: dotenv.PORT },
    adminToken: adminTokens
      ? configuredAdminToken(adminTokens)
      : developmentAdminSecret
        ? { secret: developmentAdminSecret, development: true }
        : null,
  };
}

/**
 * The database `ivr-migrate` works on: DATABASE_URL from the environment or the working directory's .env. A host's
 * tool, so there is no embedded database to fall back on: without it, null.
 */
export async function readCliDatabaseUrl(): Promise<string | null> {
  const dotenv = await readDotenv(process.cwd());
  return (process.env.DATABASE_URL ?? dotenv.DATABASE_URL)?.trim() || null;
}
