// `npm run build:console` (always) and `npm start` / the browser tests (`--if-stale`: only when a source is newer).
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const CONSOLE = import.meta.dirname;
const SOURCES = ['src', 'index.html', 'vite.config.ts'];

async function newestChange(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestChange(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/** Whether console/dist is missing or older than a source (a rebuild while a server reads it would swap its files). */
export async function consoleBuildIsStale(): Promise<boolean> {
  const page = join(CONSOLE, 'dist', 'index.html');
  if (!existsSync(page)) return true;
  const sources = await Promise.all(SOURCES.map((entry) => newestChange(join(CONSOLE, entry))));
  return (await stat(page)).mtimeMs < Math.max(...sources);
}

export async function buildConsole(options: { readonly ifStale: boolean }): Promise<void> {
  if (options.ifStale && !(await consoleBuildIsStale())) return;
  // Loaded only to build: `npm start` with a fresh build skips vite's start-up.
  const { build } = await import('vite');
  await build({ configFile: join(CONSOLE, 'vite.config.ts'), logLevel: 'warn' });
}

if (process.argv[1] === import.meta.filename) await buildConsole({ ifStale: process.argv.includes('--if-stale') });
