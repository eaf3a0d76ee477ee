const MAX_BIGINT = 9_223_372_036_854_775_807n;

/** A PostgreSQL bigint row id as text: digits only, in range (a larger number would fail in the database, not here). */
export function isBigintId(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT;
}
