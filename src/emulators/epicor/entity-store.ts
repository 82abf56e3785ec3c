import type { EntitySchema } from './entity-schemas.ts';

export type Row = Record<string, unknown>;

/**
 * Rows of one entity set of one company. Compact: untouched generated rows are not stored at all — they are
 * re-created on demand by a pure generator from their index; only revisions (one float per row), rows written
 * since generation, and deletions are kept. A revision-sorted index (rebuilt lazily when dirty) answers
 * `SysRevID` range reads by binary search.
 */
export class EntityStore {
  private count: number;
  private revs: Float64Array;
  private readonly written = new Map<number, Row>();
  private readonly dead = new Set<number>();
  private readonly deletedLog: Row[] = [];
  /** Indices whose position in the revision index changed since the last rebuild. */
  private dirty = new Set<number>();
  private sortedIdx: Int32Array | undefined;
  private sortedRev: Float64Array | undefined;
  private keyIndex: Map<string, number> | undefined;
  /** Every row held or generated has exactly these fields in this order (so a full `$select` is the row itself). */
  readonly fieldNames: readonly string[];

  /** Fields rows are built with (the narrow schema's when `widen` is set; then `insert` widens them). */
  private readonly builtNames: readonly string[];

  constructor(
    readonly schema: EntitySchema,
    private readonly generate: (index: number) => Row,
    revisions: Float64Array,
    /** Wide rows (`wideRows` switch): builders make rows of `built`, the store holds and serves them widened. */
    private readonly widening?: { built: EntitySchema; widen: (row: Row) => Row },
  ) {
    this.count = revisions.length;
    this.revs = revisions;
    this.fieldNames = schema.fields.map((f) => f.name);
    this.builtNames = widening ? widening.built.fields.map((f) => f.name) : this.fieldNames;
  }

  /** Number of live rows. */
  get size(): number {
    return this.count - this.dead.size;
  }

  /** Highest row index + 1 (dead rows included). */
  get length(): number {
    return this.count;
  }

  isLive(index: number): boolean {
    return index >= 0 && index < this.count && !this.dead.has(index);
  }

  revisionOf(index: number): number {
    return this.revs[index];
  }

  /** The row at `index` (a shared object: callers must not mutate it). */
  get(index: number): Row {
    const row = this.written.get(index);
    if (row) return row;
    const generated = this.generate(index);
    generated.SysRevID = this.revs[index];
    return generated;
  }

  /** Live row indices in index order (≈ primary-key order). */
  *liveIndices(): Generator<number> {
    for (let i = 0; i < this.count; i++) if (!this.dead.has(i)) yield i;
  }

  /** Appends a row written by activity; its `SysRevID` is the revision given. */
  insert(built: Row, revision: number): number {
    const keys = Object.keys(built);
    if (keys.length !== this.builtNames.length || keys.some((k, i) => k !== this.builtNames[i])) {
      throw new Error(`a row written to ${this.schema.entitySet} must carry exactly its fields in schema order`);
    }
    const row = this.widening ? this.widening.widen(built) : built;
    const index = this.count++;
    if (index >= this.revs.length) {
      const grown = new Float64Array(Math.max(16, this.revs.length * 2));
      grown.set(this.revs);
      this.revs = grown;
    }
    this.revs[index] = revision;
    this.written.set(index, { ...row, SysRevID: revision });
    this.dirty.add(index);
    this.keyIndex?.set(this.keyOfRow(row), index);
    return index;
  }

  /** Writes changed fields into a live row under a new revision; returns the new row. */
  update(index: number, changes: Row, revision: number): Row {
    for (const k of Object.keys(changes)) {
      if (!this.schema.fieldMap.has(k)) throw new Error(`${this.schema.entitySet} has no field ${k} to update`);
    }
    const row = { ...this.get(index), ...changes, SysRevID: revision };
    this.written.set(index, row);
    this.revs[index] = revision;
    this.dirty.add(index);
    return row;
  }

  /** Deletes a live row, remembering its key fields and SysRowID. */
  remove(index: number): Row {
    const row = this.get(index);
    const gone: Row = {};
    for (const k of this.schema.keys) gone[k] = row[k];
    gone.SysRowID = row.SysRowID;
    this.deletedLog.push(gone);
    this.dead.add(index);
    this.written.delete(index);
    this.dirty.add(index);
    this.keyIndex?.delete(this.keyOfRow(row));
    return gone;
  }

  deleted(): Row[] {
    return this.deletedLog.map((r) => ({ ...r }));
  }

  /** Canonical string of a row's key values (also used for key-segment lookups). */
  keyOfRow(row: Row): string {
    return JSON.stringify(this.schema.keys.map((k) => row[k]));
  }

  /** Index of the live row with these key values (in key-field order), built lazily on first use. */
  findByKey(values: readonly unknown[]): number | undefined {
    if (!this.keyIndex) {
      this.keyIndex = new Map();
      for (const i of this.liveIndices()) this.keyIndex.set(this.keyOfRow(this.get(i)), i);
    }
    return this.keyIndex.get(JSON.stringify(values));
  }

  /** Positions [from, to) in revision order of live rows with lo <= SysRevID <= hi. */
  revisionRange(lo: number, hi: number): { indices: Int32Array; from: number; to: number } {
    this.refreshRevisionIndex();
    const revs = this.sortedRev!;
    const lowerBound = (x: number, strict: boolean) => {
      let a = 0;
      let b = revs.length;
      while (a < b) {
        const m = (a + b) >>> 1;
        if (strict ? revs[m] <= x : revs[m] < x) a = m + 1;
        else b = m;
      }
      return a;
    };
    return { indices: this.sortedIdx!, from: lowerBound(lo, false), to: lowerBound(hi, true) };
  }

  /** Rebuilds the revision index: keeps clean entries in place and merges the re-sorted dirty ones. */
  private refreshRevisionIndex(): void {
    if (this.sortedIdx && this.dirty.size === 0) return;
    let keepIdx: Int32Array;
    let added: number[];
    if (!this.sortedIdx) {
      keepIdx = new Int32Array(0);
      added = [...this.liveIndices()];
      if (!isSortedBy(added, this.revs)) added.sort((a, b) => this.revs[a] - this.revs[b]);
    } else {
      const old = this.sortedIdx;
      keepIdx = new Int32Array(old.length);
      let n = 0;
      for (let p = 0; p < old.length; p++) if (!this.dirty.has(old[p])) keepIdx[n++] = old[p];
      keepIdx = keepIdx.subarray(0, n);
      added = [...this.dirty].filter((i) => !this.dead.has(i)).sort((a, b) => this.revs[a] - this.revs[b]);
    }
    const merged = new Int32Array(keepIdx.length + added.length);
    let a = 0;
    let b = 0;
    let m = 0;
    while (a < keepIdx.length || b < added.length) {
      if (b >= added.length || (a < keepIdx.length && this.revs[keepIdx[a]] < this.revs[added[b]])) {
        merged[m++] = keepIdx[a++];
      } else merged[m++] = added[b++];
    }
    this.sortedIdx = merged;
    this.sortedRev = Float64Array.from(merged, (i) => this.revs[i]);
    this.dirty = new Set();
  }
}

function isSortedBy(indices: number[], revs: Float64Array): boolean {
  for (let p = 1; p < indices.length; p++) if (revs[indices[p - 1]] > revs[indices[p]]) return false;
  return true;
}
