/** Drops undefined fields: an absent field in a PATCH means "leave as is", null means "clear". */
export function defined<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}
