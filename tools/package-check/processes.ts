import { type ChildProcess, spawn } from 'node:child_process';

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** The last lines of a command's output: enough to say why it failed, not the whole npm log. */
export function tail(output: string, lines = 40): string {
  return output.trimEnd().split('\n').slice(-lines).join('\n');
}

/** The commands `run` has started and that have not exited yet. */
const running = new Set<ChildProcess>();

/** Stops the commands still running (an interrupted check), so that their folders can be removed. */
export async function stopRunning(): Promise<void> {
  await Promise.all([...running].map((child) => stopProcess(child, 5_000)));
}

/** Runs a command to completion; rejects with its exit code and the end of its output unless it exits 0. */
export async function run(command: string, args: readonly string[], options: RunOptions): Promise<string> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: 'pipe' });
  running.add(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await exitOf(child).finally(() => running.delete(child));
  if (code !== 0)
    throw new Error(`${command} ${args.join(' ')} (in ${options.cwd}) exited with ${code}:\n${tail(output)}`);
  return output;
}

/** Resolves with the exit code (or the signal's name) once the process has exited. */
export async function exitOf(child: ChildProcess): Promise<number | string> {
  if (child.exitCode !== null) return child.exitCode;
  if (child.signalCode !== null) return child.signalCode;
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
}

/** SIGTERM, then SIGKILL if the process is still there after `graceMs`; resolves with how it ended. */
export async function stopProcess(
  child: ChildProcess,
  graceMs: number,
): Promise<{ exit: number | string; killed: boolean }> {
  const exited = exitOf(child);
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
  const first = await Promise.race([exited, late]);
  clearTimeout(timer);
  if (first !== 'late') return { exit: first, killed: false };
  child.kill('SIGKILL');
  return { exit: await exited, killed: true };
}
