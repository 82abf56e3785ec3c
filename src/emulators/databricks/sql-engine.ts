import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, type DuckDBType } from '@duckdb/node-api';
import { dq, sq } from './duck-translate.ts';
import { MACRO_SQL } from './sql-macros.ts';

/** A result set already rendered for the API: columns with DuckDB types, rows of raw DuckDB values. */
export interface RawResult {
  columns: { name: string; type: DuckDBType }[];
  rows: unknown[][];
}

/** Every DuckDB storage compression except the constant/uncompressed fallbacks. */
const UNCOMPRESSED = 'fsst,dictionary,dict_fsst,chimp,patas,alp,alprd,bitpacking,rle,zstd,roaring';

/** Hidden schema inside every catalog database for emulator metadata. */
export const META = '__emulator';

/**
 * The DuckDB side of the emulator: one in-memory instance, each Databricks catalog an attached database file
 * (`<dataDir>/catalogs/<name>.duckdb`, aliased `c_<name>` because DuckDB reserves `main`), plus a metadata
 * database for volumes, table properties and COPY INTO history.
 */
export class SqlEngine {
  readonly dataDir: string;
  /** Whether `CREATE CATALOG` may omit `MANAGED LOCATION` (the metastore has a storage root). */
  metastoreStorage = true;
  private instance!: DuckDBInstance;
  private admin!: DuckDBConnection;
  private readonly catalogs = new Set<string>();
  private readonly volumes = new Set<string>();
  private idle: DuckDBConnection[] = [];
  private writeChain: Promise<void> = Promise.resolve();

  constructor(dataDir: string) {
    this.dataDir = dataDir;
  }

  /** Opens the instance, attaches every catalog found in dataDir and makes sure `main.default` exists. */
  async open(): Promise<void> {
    mkdirSync(join(this.dataDir, 'catalogs'), { recursive: true });
    mkdirSync(join(this.dataDir, 'volumes'), { recursive: true });
    this.instance = await DuckDBInstance.create(':memory:', {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    this.admin = await this.instance.connect();
    await this.admin.run("SET GLOBAL TimeZone = 'UTC'");
    // Spark sorts NULLs first ascending and last descending (ORDER BY, window ORDER BY); DuckDB puts them last.
    await this.admin.run("SET GLOBAL default_null_order = 'nulls_first_on_asc_last_on_desc'");
    // Cost, not behaviour: choosing a compression per column segment at every checkpoint was about half the
    // CPU of a connector sync (files grow ~3x, results are identical); one DuckDB thread per statement because
    // statements already run side by side on their own connections and the emulator shares a few cores with
    // the connector, where extra workers only add coordination.
    await this.admin.run(`SET GLOBAL disabled_compression_methods = '${UNCOMPRESSED}'`);
    await this.admin.run('SET GLOBAL threads = 1');
    for (const f of readdirSync(join(this.dataDir, 'catalogs'))) {
      const m = /^(.+)\.duckdb$/.exec(f);
      if (m) await this.attachCatalog(m[1]);
    }
    if (!this.catalogs.has('main')) await this.createCatalog('main');
  }

  /** Closes every connection and the instance (files stay). */
  close(): void {
    for (const c of this.idle) c.closeSync();
    this.idle = [];
    this.admin.closeSync();
    this.instance.closeSync();
  }

  /** DuckDB alias for a catalog name, when the catalog exists. */
  catalogAlias(name: string): string | undefined {
    const n = name.toLowerCase();
    return this.catalogs.has(n) ? `c_${n}` : undefined;
  }

  /** Replaces DuckDB catalog aliases with catalog names in messages. */
  unalias(text: string): string {
    return text.replace(/\bc_([a-z0-9_]+)\b/g, (all, n: string) => (this.catalogs.has(n) ? n : all));
  }

  /** Every catalog name, lower case. */
  catalogNames(): string[] {
    return [...this.catalogs];
  }

  hasCatalog(name: string): boolean {
    return this.catalogs.has(name.toLowerCase());
  }

  listCatalogs(): string[] {
    return [...this.catalogs].sort();
  }

  /** Creates (attaches) a catalog database with a `default` schema. */
  async createCatalog(name: string): Promise<void> {
    const n = name.toLowerCase();
    if (!/^[a-z0-9_]+$/.test(n)) throw new Error(`Invalid catalog name ${name}`);
    await this.attachCatalog(n);
    await this.admin.run(`CREATE SCHEMA IF NOT EXISTS ${dq(`c_${n}`)}."default"`);
  }

  private async attachCatalog(n: string): Promise<void> {
    const alias = dq(`c_${n}`);
    await this.admin.run(`ATTACH IF NOT EXISTS ${sq(join(this.dataDir, 'catalogs', `${n}.duckdb`))} AS ${alias}`);
    // Emulator metadata lives inside each catalog: a DuckDB transaction may write to one attached database only.
    const meta = `${alias}.${META}`;
    await this.admin.run(
      `CREATE SCHEMA IF NOT EXISTS ${meta};
       CREATE TABLE IF NOT EXISTS ${meta}.volumes (schema VARCHAR, name VARCHAR, PRIMARY KEY (schema, name));
       CREATE TABLE IF NOT EXISTS ${meta}.copy_history (table_name VARCHAR, file VARCHAR, loaded_at TIMESTAMPTZ);
       CREATE TABLE IF NOT EXISTS ${meta}.view_text (view_name VARCHAR PRIMARY KEY, definition VARCHAR);
       CREATE TABLE IF NOT EXISTS ${meta}.object_comments (object VARCHAR PRIMARY KEY, comment VARCHAR);
       CREATE TABLE IF NOT EXISTS ${meta}.table_props (table_name VARCHAR PRIMARY KEY, clustering VARCHAR[], partitioning VARCHAR[], props VARCHAR);`,
    );
    const vols = await this.admin.runAndReadAll(`SELECT schema, name FROM ${meta}.volumes`);
    for (const [sc, v] of vols.getRows()) this.volumes.add(`${n}.${sc}.${v}`);
    this.catalogs.add(n);
  }

  hasVolume(catalog: string, schema: string, volume: string): boolean {
    return this.volumes.has(`${catalog}.${schema}.${volume}`.toLowerCase());
  }

  /** Records a volume (the caller creates its directory). */
  async addVolume(conn: DuckDBConnection, catalog: string, schema: string, volume: string): Promise<void> {
    const [c, s, v] = [catalog, schema, volume].map((x) => x.toLowerCase());
    await conn.run(`INSERT OR IGNORE INTO ${this.meta('volumes', c)} VALUES (${sq(s)}, ${sq(v)})`);
    this.volumes.add(`${c}.${s}.${v}`);
  }

  async dropVolume(conn: DuckDBConnection, catalog: string, schema: string, volume: string): Promise<void> {
    const [c, s, v] = [catalog, schema, volume].map((x) => x.toLowerCase());
    await conn.run(`DELETE FROM ${this.meta('volumes', c)} WHERE schema = ${sq(s)} AND name = ${sq(v)}`);
    this.volumes.delete(`${c}.${s}.${v}`);
  }

  /** Qualified name of an emulator metadata table inside a catalog's database. */
  meta(table: 'copy_history' | 'table_props' | 'volumes' | 'view_text' | 'object_comments', catalog: string): string {
    return `${dq(`c_${catalog.toLowerCase()}`)}.${META}.${table}`;
  }

  /** Runs `fn` on a pooled connection set to the given catalog and schema. */
  async withConnection<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    const conn = this.idle.pop() ?? (await this.connect());
    try {
      return await fn(conn);
    } finally {
      this.idle.push(conn);
    }
  }

  /** A new connection with the Databricks function macros installed (temporary objects are per connection). */
  private async connect(): Promise<DuckDBConnection> {
    const conn = await this.instance.connect();
    await conn.run(MACRO_SQL);
    return conn;
  }

  /** Serialises writers: DuckDB aborts concurrent conflicting writes where Delta would retry them. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const prev = this.writeChain;
    let release!: () => void;
    this.writeChain = new Promise((r) => {
      release = r;
    });
    await prev;
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** Runs DuckDB SQL from tests, mapping catalog names in `catalog.schema.x` names to their aliases. */
  async query(sql: string): Promise<Record<string, unknown>[]> {
    const mapped = sql.replace(
      /(^|[^.\w"])"?([A-Za-z_][\w]*)"?\.(?="?[A-Za-z_][\w]*"?\.)/g,
      (all, pre: string, name: string) => {
        const alias = this.catalogAlias(name);
        return alias ? `${pre}${dq(alias)}.` : all;
      },
    );
    return this.withConnection(async (c) => {
      // Pooled connections keep the zone of their last statement's session; tests read in UTC.
      await c.run("SET TimeZone = 'UTC'");
      return (await c.runAndReadAll(mapped)).getRowObjectsJS() as Record<string, unknown>[];
    });
  }

  /** Runs DuckDB SQL and reads the whole result. */
  async read(conn: DuckDBConnection, sql: string): Promise<RawResult> {
    const r = await conn.runAndReadAll(sql);
    const names = r.columnNames();
    const types = r.columnTypes();
    return { columns: names.map((name, i) => ({ name, type: types[i] })), rows: r.getRows() as unknown[][] };
  }
}
