export interface StartUpFacts {
  readonly port: number;
  readonly publicBaseUrl?: string;
  /** The generated development token; unset when ADMIN_TOKENS names the tokens (never printed). */
  readonly developmentAdminToken?: string;
}

/** What a developer needs once the server is up: where it is, how to get in, what to try first. */
export function startUpBanner({ port, publicBaseUrl, developmentAdminToken }: StartUpFacts): string {
  const local = `http://localhost:${port}`;
  const token = developmentAdminToken ?? '$ADMIN_TOKEN';
  const rows: [string, string][] = [
    ['Twilio Voice URL', `${publicBaseUrl ?? local}/voice/incoming`],
    ['Admin token', developmentAdminToken ?? 'one of ADMIN_TOKENS'],
    ['Console', `${local}/console/ (sign in with the admin token)`],
    ['API docs', `${local}/docs`],
    ['Try a call', 'npm run call -- --digits 1'],
    ['Try the admin API', `curl -H "Authorization: Bearer ${token}" ${local}/admin/departments`],
  ];
  return [
    '',
    `  Twilio IVR backend ready on ${local}`,
    ...rows.map(([label, value]) => `    ${label.padEnd(19)}${value}`),
    '',
  ].join('\n');
}

/** The one line a taken port deserves: no stack trace, the fix. */
export function portInUseMessage(port: number): string {
  return `Port ${port} is in use: set PORT=… (or stop the other server)`;
}

/** Says so in that one line and stops: a taken port is the user's to fix, not a crash to trace. */
export function exitBecausePortIsTaken(port: number): never {
  console.error(portInUseMessage(port));
  process.exit(1);
}
