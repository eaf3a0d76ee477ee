/** The fields of `requested` that differ from `current` (arrays compared by value); undefined means "not sent". */
export function withoutUnchanged<T extends object>(current: T, requested: Partial<T>): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(requested) as (keyof T)[]) {
    const next = requested[key];
    if (next === undefined) continue;
    if (JSON.stringify(next) !== JSON.stringify(current[key])) changes[key] = next;
  }
  return changes;
}
