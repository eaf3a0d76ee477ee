import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the console's static build lives, from this file in src/ (tests) or dist/src/ (the package). */
export function findConsoleBuild(from: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let folder = from;
  for (let level = 0; level < 5; level++) {
    const candidate = join(folder, 'console', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    folder = dirname(folder);
  }
  return undefined;
}
