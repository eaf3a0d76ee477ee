import { join } from 'node:path';
import { run } from './processes.js';

export interface Tarball {
  readonly path: string;
  readonly files: readonly string[];
}

interface PackResult {
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

const REQUIRED = [
  'package.json',
  'README.md',
  'dist/src/index.js',
  'dist/src/index.d.ts',
  'dist/migrations/index.js',
  'console/dist/index.html',
];
/** What package.json's `files` keeps out: tests, the simulator, benchmarks, sources, build caches. */
const FORBIDDEN = [
  /\.spec\./,
  /(^|\/)simulator\//,
  /(^|\/)bench\//,
  /^(src|test|tools|console\/src)\//,
  /\.tsbuildinfo$/,
];

export async function packInto(repo: string, destination: string): Promise<Tarball> {
  const output = await run('npm', ['pack', '--json', '--pack-destination', destination], { cwd: repo });
  const [result] = JSON.parse(output.slice(output.indexOf('['))) as PackResult[];
  return { path: join(destination, result.filename), files: result.files.map((file) => file.path) };
}

export function checkTarballFiles(files: readonly string[]): void {
  const missing = REQUIRED.filter((file) => !files.includes(file));
  const unwanted = files.filter((file) => FORBIDDEN.some((pattern) => pattern.test(file)));
  if (missing.length > 0) throw new Error(`the tarball lacks ${missing.join(', ')}`);
  if (unwanted.length > 0) throw new Error(`the tarball holds what it should not: ${unwanted.slice(0, 10).join(', ')}`);
}
