export const ADMIN_ROLES = ['admin', 'viewer'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const isAdminRole = (value: unknown): value is AdminRole => (ADMIN_ROLES as readonly unknown[]).includes(value);

/** One bearer token of the admin API: who it is (for the audit log), what it may do, and its secret. */
export interface AdminToken {
  readonly name: string;
  readonly role: AdminRole;
  readonly secret: string;
}

export const MIN_SECRET_LENGTH = 16;

/**
 * Parses ADMIN_TOKENS ("name:role:secret,name:role:secret"). Errors name the entry by position and
 * name, never by secret.
 */
export function parseAdminTokens(raw: string): AdminToken[] {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const tokens = entries.map((entry, index): AdminToken => {
    const where = `ADMIN_TOKENS entry ${index + 1}`;
    const parts = entry.split(':');
    // Checked before anything is echoed: a missing part would shift the secret into the name or the role.
    if (parts.length < 3) throw new Error(`${where} must look like name:role:secret`);
    const [name, role, ...rest] = parts;
    const secret = rest.join(':');
    if (!/^[\w.@-]{1,64}$/.test(name))
      throw new Error(`${where} must look like name:role:secret (a name of letters, digits, . _ @ -)`);
    if (!isAdminRole(role)) throw new Error(`${where} (${name}) has an unknown role; use ${ADMIN_ROLES.join(' or ')}`);
    if (secret.length < MIN_SECRET_LENGTH)
      throw new Error(`${where} (${name}) needs a secret of at least ${MIN_SECRET_LENGTH} characters`);
    return { name, role, secret };
  });
  if (tokens.length === 0) throw new Error('ADMIN_TOKENS must list at least one name:role:secret');
  const names = new Set<string>();
  const secrets = new Set<string>();
  for (const token of tokens) {
    if (names.has(token.name)) throw new Error(`ADMIN_TOKENS names "${token.name}" twice`);
    if (secrets.has(token.secret)) throw new Error(`ADMIN_TOKENS gives two tokens the same secret (${token.name})`);
    names.add(token.name);
    secrets.add(token.secret);
  }
  return tokens;
}
