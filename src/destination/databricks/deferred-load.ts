/**
 * A load whose real form is known only once the run's schema decisions are made (schema-policy.ts: the columns a
 * retyped field loads into, the TIMESTAMP columns an earlier version kept, or a refused change). A sync opens its
 * loads while `prepare` still introspects, so the first write waits for the decision — one statement's round trip,
 * overlapped with reading the first page — and every later write goes straight through.
 */
import type { Row, RowValue } from '../../mapping/target-schema.ts';
import type { StagedLoad } from './entity-load.ts';

export function deferredLoad(open: () => Promise<StagedLoad>): StagedLoad {
  let real: StagedLoad | undefined;
  let opening: Promise<StagedLoad> | undefined;
  const get = (): Promise<StagedLoad> => {
    opening ??= open().then((l) => {
      real = l;
      return l;
    });
    return opening;
  };
  return {
    write(row: Row) {
      if (real) return real.write(row);
      return get().then((l) => l.write(row));
    },
    writeValues(values: readonly RowValue[]) {
      if (real) return real.writeValues(values);
      return get().then((l) => l.writeValues(values));
    },
    // A load refused by the schema policy fails here too when it got no rows: the entity is reported, not skipped.
    commit: async () => (await get()).commit(),
    abort: async () => (await get()).abort(),
    get rows() {
      return real?.rows ?? 0;
    },
    get parts() {
      return real?.parts ?? 0;
    },
  };
}
