import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A secret generated once for development and kept under DATA_DIR, so restarts keep
 * the same value (a Twilio number or a test script configured with it keeps working).
 */
export async function readOrCreateDevelopmentSecret(dataDir: string, fileName: string): Promise<string> {
  const path = join(dataDir, fileName);
  try {
    const existing = (await readFile(path, 'utf8')).trim();
    if (existing.length > 0) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const secret = randomBytes(16).toString('hex');
  // 'wx' fails if another process created it meanwhile: then read theirs.
  try {
    await writeFile(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readFile(path, 'utf8')).trim();
  }
}
