/**
 * The slice of the Databricks workspace client (`client/`) that the loading logic uses: statements and volume files.
 * A structural type, so the loading code and its tests depend only on these calls; the client's own result and
 * listing types are the ones declared here. (Not a pipeline port: those are in `pipeline/ports.ts`.)
 */

/** A named `:name` parameter; a null `value` is SQL NULL; `type` defaults to STRING. */
export interface SqlParameter {
  name: string;
  value: string | null;
  type?: string;
}

/** Rows of a statement as strings (Databricks JSON_ARRAY format), with the column names. */
export interface StatementResult {
  columns: { name: string; typeName: string }[];
  rows: (string | null)[][];
  /** The statement's id where the server gave one (absent on results built by tests). */
  statementId?: string;
}

/** A directory entry of a volume listing. */
export interface VolumeEntry {
  path: string;
  name: string;
  isDirectory: boolean;
  fileSize?: number;
  lastModified?: number;
}

export interface DestinationClient {
  statements: {
    execute(sql: string, options?: { parameters?: SqlParameter[]; signal?: AbortSignal }): Promise<StatementResult>;
  };
  files: {
    upload(path: string, bytes: Uint8Array, options: { overwrite: boolean; signal?: AbortSignal }): Promise<unknown>;
    list(dir: string): Promise<VolumeEntry[]>;
    deleteTree(dir: string): Promise<unknown>;
    mkdirs(dir: string): Promise<unknown>;
  };
}

/** Result rows as objects keyed by column name. */
export function rowObjects(result: StatementResult): Record<string, string | null>[] {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c.name, row[i] ?? null])));
}
