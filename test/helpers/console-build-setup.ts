import { buildConsole } from '../../console/build.js';

/** `npm test` on a fresh clone has no console build: the browser tests build it (again when its sources changed). */
export default async function setup(): Promise<void> {
  await buildConsole({ ifStale: true });
}
