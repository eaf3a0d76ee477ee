import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';

const CONSOLE = join(import.meta.dirname, '..', '..', 'console');

async function newestChange(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestChange(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/** `npm test` on a fresh clone has no console build: the browser tests build it (again when its sources changed). */
export default async function setup(): Promise<void> {
  const page = join(CONSOLE, 'dist', 'index.html');
  const sources = await Promise.all(
    ['src', 'index.html', 'vite.config.ts'].map((entry) => newestChange(join(CONSOLE, entry))),
  );
  if (existsSync(page) && (await stat(page)).mtimeMs >= Math.max(...sources)) return;
  await build({ configFile: join(CONSOLE, 'vite.config.ts'), logLevel: 'warn' });
}
