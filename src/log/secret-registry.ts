/**
 * Secret values known to this process. The CLI error path prints errors outside any logger, so loading a config
 * registers its secrets here and `run-cli` redacts with them.
 */
const known = new Set<string>();

/** Adds values that must never be printed. */
export function registerSecrets(values: Iterable<string>): void {
  for (const v of values) if (v !== '') known.add(v);
}

/** Every value registered so far. */
export function registeredSecrets(): string[] {
  return [...known];
}
