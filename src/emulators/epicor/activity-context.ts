import type { EntityStore, Row } from './entity-store.ts';
import type { EpicorDatabase } from './epicor-database.ts';
import type { Prng } from './prng.ts';

/** What changed in one entity set of one company during one `advance()`. Keys are the Epicor key fields. */
export interface EntityActivity {
  inserted: Row[];
  updated: Row[];
  deleted: Row[];
  /** Updates that took a LOWER revision than ones already handed out (Epicor late commit). */
  lateCommits: { key: Row; revision: number }[];
}

/** Remaining counts of one activity run; operations only run when their writes fit. */
export interface Budget {
  inserts: number;
  updates: number;
  deletes: number;
}

/**
 * Everything an activity operation needs for one company: the stores, a seeded random stream, the write clock,
 * and a recorder that de-duplicates what changed (an inserted row that is then updated stays "inserted").
 */
export class ActivityContext {
  private readonly inserted = new Map<string, Map<number, Row>>();
  private readonly updated = new Map<string, Map<number, Row>>();
  private readonly deletedRows = new Map<string, Row[]>();
  private readonly late = new Map<string, { key: Row; revision: number }[]>();
  private tick = 0;

  constructor(
    readonly db: EpicorDatabase,
    readonly company: string,
    readonly prng: Prng,
    private readonly nowMs: number,
    readonly budget: Budget,
  ) {}

  store(entitySet: string): EntityStore {
    return this.db.requireStore(this.company, entitySet);
  }

  /** A strictly increasing write time within this run (server clock). */
  now(): number {
    return this.nowMs + this.tick++ * 7;
  }

  /** Whether this run already wrote the row (late commits avoid those). */
  touched(entitySet: string, index: number): boolean {
    return !!(this.inserted.get(entitySet)?.has(index) || this.updated.get(entitySet)?.has(index));
  }

  insert(entitySet: string, row: Row): number {
    const store = this.store(entitySet);
    const index = store.insert(row, this.db.counter.next());
    bucket(this.inserted, entitySet).set(index, keyOf(store, row));
    this.budget.inserts--;
    return index;
  }

  update(entitySet: string, index: number, changes: Row): Row {
    const store = this.store(entitySet);
    const row = store.update(index, changes, this.db.counter.next());
    if (!this.inserted.get(entitySet)?.has(index)) bucket(this.updated, entitySet).set(index, keyOf(store, row));
    this.budget.updates--;
    return row;
  }

  /** The held-back revision the next late update below `limit` would take. */
  peekLate(limit: number): number | undefined {
    return this.db.counter.peekLate(limit);
  }

  /** An update that takes a held-back revision below `limit`; false when no such revision is left. */
  lateUpdate(entitySet: string, index: number, changes: Row, limit: number): boolean {
    const revision = this.db.counter.takeLate(limit);
    if (revision === undefined) return false;
    const store = this.store(entitySet);
    const row = store.update(index, changes, revision);
    const list = this.late.get(entitySet) ?? [];
    list.push({ key: keyOf(store, row), revision });
    this.late.set(entitySet, list);
    return true;
  }

  remove(entitySet: string, index: number): void {
    const gone = this.store(entitySet).remove(index);
    this.updated.get(entitySet)?.delete(index);
    const list = this.deletedRows.get(entitySet) ?? [];
    const { SysRowID: _ignored, ...key } = gone;
    list.push(key);
    this.deletedRows.set(entitySet, list);
    this.budget.deletes--;
  }

  /** A random live row index satisfying `accept`, trying random draws first, then a bounded scan. */
  pick(entitySet: string, accept: (row: Row, index: number) => boolean = () => true): number | undefined {
    const store = this.store(entitySet);
    const n = store.length;
    if (n === 0) return undefined;
    for (let t = 0; t < 40; t++) {
      const i = this.prng.int(0, n - 1);
      if (store.isLive(i) && accept(store.get(i), i)) return i;
    }
    const start = this.prng.int(0, n - 1);
    for (let k = 0; k < Math.min(n, 20_000); k++) {
      const i = (start + k) % n;
      if (store.isLive(i) && accept(store.get(i), i)) return i;
    }
    return undefined;
  }

  /** The change report of this run, per entity set. */
  report(): Record<string, EntityActivity> {
    const out: Record<string, EntityActivity> = {};
    const names = new Set([
      ...this.inserted.keys(),
      ...this.updated.keys(),
      ...this.deletedRows.keys(),
      ...this.late.keys(),
    ]);
    for (const e of names) {
      out[e] = {
        inserted: [...(this.inserted.get(e)?.values() ?? [])],
        updated: [...(this.updated.get(e)?.values() ?? [])],
        deleted: this.deletedRows.get(e) ?? [],
        lateCommits: this.late.get(e) ?? [],
      };
    }
    return out;
  }
}

function bucket(map: Map<string, Map<number, Row>>, key: string): Map<number, Row> {
  let m = map.get(key);
  if (!m) {
    m = new Map();
    map.set(key, m);
  }
  return m;
}

function keyOf(store: EntityStore, row: Row): Row {
  const key: Row = {};
  for (const k of store.schema.keys) key[k] = row[k];
  return key;
}
