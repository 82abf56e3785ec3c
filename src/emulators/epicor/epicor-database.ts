import { CompanyModel, countsFor } from './company-model.ts';
import { COMPANIES, ENTITY_SETS, schemaFor, wideSchemaFor } from './entity-schemas.ts';
import { EntityStore } from './entity-store.ts';
import type { EpicorFixture } from './fixture-data.ts';
import { RevisionCounter } from './revision-counter.ts';
import { compileWidener } from './row-widener.ts';
import type { SchemaDrift } from './schema-drift.ts';
import type { SchemaProfile } from './schema-profile.ts';

export interface DatabaseOptions {
  /** How the tenant describes and filters its data (wide rows are built here; the routes read the rest). */
  schemaProfile?: SchemaProfile;
  /** Hand-built rows instead of generated data (tests). */
  fixture?: EpicorFixture;
}

/** All companies' stores plus the one database-wide revision counter they share. */
export class EpicorDatabase {
  readonly counter = new RevisionCounter();
  readonly models = new Map<string, CompanyModel>();
  private readonly stores = new Map<string, Map<string, EntityStore>>();
  /** Children of rows written by activity (line indices of a new PO, release indices of a new line). */
  private readonly children = new Map<string, number[]>();
  private readonly journalNums = new Map<string, number>();
  /** Schema and filter switches in force (schema-profile.ts). */
  schemaProfile: SchemaProfile;
  /** Schema drift per `company\u0000entitySet` (schema-drift.ts). */
  private readonly drifts = new Map<string, SchemaDrift>();

  constructor(
    readonly seed: number,
    readonly scale: number,
    opts: DatabaseOptions = {},
  ) {
    this.schemaProfile = pickSchemaSwitches(opts.schemaProfile ?? {});
    const fixture = opts.fixture;
    for (const company of COMPANIES) {
      const model = new CompanyModel(company, seed, countsFor(company, scale));
      this.models.set(company, model);
      const byEntity = new Map<string, EntityStore>();
      for (const entitySet of ENTITY_SETS) {
        const revisions = new Float64Array(fixture ? 0 : model.baseCount(entitySet));
        for (let i = 0; i < revisions.length; i++) revisions[i] = this.counter.next();
        const narrow = schemaFor(company, entitySet);
        const generate = model.generator(entitySet);
        if (this.schemaProfile.wideRows) {
          const wide = wideSchemaFor(company, entitySet);
          const widen = compileWidener(narrow, wide);
          byEntity.set(
            entitySet,
            new EntityStore(wide, (i) => widen(generate(i)), revisions, { built: narrow, widen }),
          );
        } else {
          byEntity.set(entitySet, new EntityStore(narrow, generate, revisions));
        }
      }
      this.stores.set(company, byEntity);
    }
    fixture?.load(this);
  }

  /** Switches `$metadata` layout, date strictness and child filters; `wideRows` stays as created (rows are stored). */
  setSchemaProfile(p: SchemaProfile): void {
    this.schemaProfile = { ...pickSchemaSwitches(p), wideRows: this.schemaProfile.wideRows };
  }

  /** Changes (or, with undefined, restores) the fields one company's entity set shows (schema-drift.ts). */
  setSchemaDrift(company: string, entitySet: string, drift: SchemaDrift | undefined): void {
    const key = `${company}\u0000${entitySet}`;
    if (drift) this.drifts.set(key, drift);
    else this.drifts.delete(key);
  }

  schemaDrift(company: string, entitySet: string): SchemaDrift | undefined {
    return this.drifts.get(`${company}\u0000${entitySet}`);
  }

  companies(): string[] {
    return [...this.stores.keys()];
  }

  store(company: string, entitySet: string): EntityStore | undefined {
    return this.stores.get(company)?.get(entitySet);
  }

  /** The store, or an error naming what is unknown (for the ground-truth accessors). */
  requireStore(company: string, entitySet: string): EntityStore {
    const s = this.store(company, entitySet);
    if (!s) throw new Error(`unknown company/entity set ${company}/${entitySet}`);
    return s;
  }

  model(company: string): CompanyModel {
    return this.models.get(company)!;
  }

  /** PODetails indices of the PO at POes index `po` (PONum = index + 1), dead ones included. */
  poLineIndices(company: string, po: number): number[] {
    const m = this.model(company);
    if (po < m.counts.pos) return range(m.poLineStart[po], m.poLineStart[po + 1]);
    return this.children.get(`L|${company}|${po}`) ?? [];
  }

  /** PORels indices of the line at PODetails index `line`, dead ones included. */
  releaseIndices(company: string, line: number): number[] {
    const m = this.model(company);
    if (line < m.lineOwner.length) return range(m.relStart[line], m.relStart[line + 1]);
    return this.children.get(`R|${company}|${line}`) ?? [];
  }

  /** The next JournalNum of a company (base journals are numbered 1..n). */
  nextJournalNum(company: string): number {
    const next = (this.journalNums.get(company) ?? this.model(company).counts.journals) + 1;
    this.journalNums.set(company, next);
    return next;
  }

  /** Records a child written by activity under its parent (kind L: PO → line, R: line → release). */
  addChild(kind: 'L' | 'R', company: string, parent: number, child: number): void {
    const key = `${kind}|${company}|${parent}`;
    const list = this.children.get(key) ?? [];
    list.push(child);
    this.children.set(key, list);
  }

  /** Live record count per company and entity set. */
  sizes(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [c, m] of this.stores) out[c] = Object.fromEntries([...m].map(([e, s]) => [e, s.size]));
    return out;
  }
}

function pickSchemaSwitches(p: SchemaProfile): SchemaProfile {
  return {
    tablesetsMetadata: p.tablesetsMetadata,
    strictDateLiterals: p.strictDateLiterals,
    childFilterOnParent: p.childFilterOnParent,
    wideRows: p.wideRows,
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
