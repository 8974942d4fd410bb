/**
 * Lookups keyed by text a user wrote (ARG names, rule names, config keys, Python names): a plain
 * object answers `constructor`, `toString` or `__proto__` from Object.prototype, and assigning
 * `__proto__` replaces the prototype instead of storing a value. These helpers make such names
 * behave like any other.
 */

/** An empty map with no prototype, optionally filled from `entries`. */
export function dict<T>(entries?: Iterable<readonly [string, T]> | Record<string, T>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (!entries) return out;
  const pairs = Symbol.iterator in entries ? (entries as Iterable<readonly [string, T]>) : Object.entries(entries);
  for (const [key, value] of pairs) out[key] = value;
  return out;
}

/** `map[key]` when `map` holds `key` itself; never a value inherited from a prototype. */
export function own<T>(map: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return map !== undefined && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}
