/** One field an audit entry changed: its dotted path (`options.2.digit`) and its values before and after. */
export interface FieldChange {
  readonly field: string;
  /** undefined: the field was not there (created, or added). */
  readonly before: string | undefined;
  readonly after: string | undefined;
}

type Leaves = Map<string, string>;

/** Every primitive of a JSON value under its dotted path; an empty object or list is a leaf of its own. */
function flatten(value: unknown, path: string, into: Leaves): Leaves {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((item, index) => [String(index), item] as const)
      : Object.entries(value);
    if (entries.length === 0) into.set(path, Array.isArray(value) ? '[]' : '{}');
    for (const [key, item] of entries) flatten(item, path ? `${path}.${key}` : key, into);
    return into;
  }
  into.set(path, JSON.stringify(value) ?? 'undefined');
  return into;
}

/** The fields that differ between an entry's before and after (null before: created; null after: deleted), in order. */
export function diffOf(before: unknown, after: unknown): FieldChange[] {
  const old = before === null || before === undefined ? new Map<string, string>() : flatten(before, '', new Map());
  const now = after === null || after === undefined ? new Map<string, string>() : flatten(after, '', new Map());
  const fields = [...new Set([...old.keys(), ...now.keys()])];
  return fields
    .filter((field) => old.get(field) !== now.get(field))
    .map((field) => ({ field: field || '(value)', before: old.get(field), after: now.get(field) }));
}
