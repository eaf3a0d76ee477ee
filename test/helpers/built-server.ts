import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { freePort } from '../../src/common/free-port.js';

/** Compiles the server as `npm run build` does, into a folder of the test's own (tests compile in parallel). */
export async function compileServer(outDir: string): Promise<void> {
  await promisify(execFile)('node_modules/.bin/tsc', ['-p', 'tsconfig.build.json', '--outDir', outDir], {
    timeout: 120_000,
  });
}

/** The real entry point, compiled, running in a child process on a free port. */
export interface BuiltServer {
  readonly process: ChildProcess;
  readonly port: number;
  readonly baseUrl: string;
  /** Everything it printed so far. */
  output(): string;
}

/** Starts `node <outDir>/src/main.js` with `env` over the test's own, once /health/ready answers. */
export async function startBuiltServer(outDir: string, env: Record<string, string>): Promise<BuiltServer> {
  const port = await freePort();
  let output = '';
  const child = spawn('node', [`${outDir}/src/main.js`], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`${baseUrl}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { process: child, port, baseUrl, output: () => output };
}
