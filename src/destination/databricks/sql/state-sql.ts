/**
 * SQL for the connector's own tables in the destination schema (SPEC §6): watermarks, the run ledger and the
 * single-row run lock. Every value is a `:parameter`; statements are written so a retry after an ambiguous failure
 * leaves the same state (MERGE on the natural key, UPDATE by key).
 */
import { type SchemaRef, tableName } from './identifier.ts';

export const STATE_TABLE = '_ml_connector_state';
export const RUNS_TABLE = '_ml_connector_runs';
export const LOCK_TABLE = '_ml_connector_lock';
/** The lock table's only row. */
export const LOCK_ID = 'destination';

/** CREATE TABLE statements for the three connector tables, by table name. */
export function createStateTablesSql(ref: SchemaRef): Record<string, string> {
  return {
    [STATE_TABLE]:
      `CREATE TABLE IF NOT EXISTS ${tableName(ref, STATE_TABLE)} (source_instance STRING, company STRING, ` +
      'entity STRING, cursor_field STRING, cursor_value STRING, sync_id STRING, updated_at TIMESTAMP) USING DELTA',
    [RUNS_TABLE]:
      `CREATE TABLE IF NOT EXISTS ${tableName(ref, RUNS_TABLE)} (sync_id STRING, \`trigger\` STRING, ` +
      'started_at TIMESTAMP, finished_at TIMESTAMP, status STRING, entities STRING, error STRING) USING DELTA',
    // Created with its one row in the same statement, so acquiring is always an UPDATE of that row: two
    // concurrent UPDATEs of one Delta row conflict and only one commits.
    [LOCK_TABLE]:
      `CREATE TABLE IF NOT EXISTS ${tableName(ref, LOCK_TABLE)} USING DELTA AS ` +
      `SELECT '${LOCK_ID}' AS lock_id, CAST(NULL AS STRING) AS holder, ` +
      'CAST(NULL AS TIMESTAMP) AS acquired_at, CAST(NULL AS TIMESTAMP) AS heartbeat_at',
  };
}

/** All watermarks of one source instance + company (params: source_instance, company). */
export function readWatermarksSql(ref: SchemaRef): string {
  return (
    `SELECT entity, cursor_field, cursor_value FROM ${tableName(ref, STATE_TABLE)} ` +
    'WHERE source_instance = :source_instance AND company = :company'
  );
}

/** Upsert one entity's watermark (params: source_instance, company, entity, cursor_field, cursor_value, sync_id, updated_at). */
export function writeWatermarkSql(ref: SchemaRef): string {
  return (
    `MERGE INTO ${tableName(ref, STATE_TABLE)} AS t USING (SELECT :source_instance AS source_instance, ` +
    ':company AS company, :entity AS entity, :cursor_field AS cursor_field, :cursor_value AS cursor_value, ' +
    ':sync_id AS sync_id, :updated_at AS updated_at) AS s ' +
    'ON t.source_instance = s.source_instance AND t.company = s.company AND t.entity = s.entity ' +
    'WHEN MATCHED THEN UPDATE SET t.cursor_field = s.cursor_field, t.cursor_value = s.cursor_value, ' +
    't.sync_id = s.sync_id, t.updated_at = s.updated_at ' +
    'WHEN NOT MATCHED THEN INSERT (source_instance, company, entity, cursor_field, cursor_value, sync_id, updated_at) ' +
    'VALUES (s.source_instance, s.company, s.entity, s.cursor_field, s.cursor_value, s.sync_id, s.updated_at)'
  );
}

/** Record a run as started, once per sync id (params: sync_id, trigger, started_at, status, entities). */
export function startRunSql(ref: SchemaRef): string {
  return (
    `MERGE INTO ${tableName(ref, RUNS_TABLE)} AS t USING (SELECT :sync_id AS sync_id, :trigger AS \`trigger\`, ` +
    ':started_at AS started_at, :status AS status, :entities AS entities) AS s ON t.sync_id = s.sync_id ' +
    'WHEN NOT MATCHED THEN INSERT (sync_id, `trigger`, started_at, status, entities) ' +
    'VALUES (s.sync_id, s.`trigger`, s.started_at, s.status, s.entities)'
  );
}

/**
 * Close a run (params: sync_id, finished_at, status, entities, error). In the same statement, any other run still
 * marked `running` is closed as failed: callers hold the destination lock, so such a run's process died.
 */
export function finishRunSql(ref: SchemaRef): string {
  const ours = 'sync_id = :sync_id';
  return (
    `UPDATE ${tableName(ref, RUNS_TABLE)} SET finished_at = :finished_at, ` +
    `status = CASE WHEN ${ours} THEN :status ELSE 'failed' END, ` +
    `entities = CASE WHEN ${ours} THEN :entities ELSE entities END, ` +
    `error = CASE WHEN ${ours} THEN :error ELSE '${ABANDONED}' END ` +
    `WHERE ${ours} OR status = 'running'`
  );
}

/** Error recorded on a run that never finished. */
export const ABANDONED = 'the run stopped before it finished (its process was killed or crashed)';

/** The newest runs first (params: limit). */
export function lastRunsSql(ref: SchemaRef): string {
  return (
    `SELECT sync_id, \`trigger\`, started_at, finished_at, status, entities, error FROM ${tableName(ref, RUNS_TABLE)} ` +
    'ORDER BY started_at DESC LIMIT :limit'
  );
}

/** Take the lock when free, stale or already ours (params: lock_id, holder, now, stale_before). */
export function acquireLockSql(ref: SchemaRef): string {
  return (
    `UPDATE ${tableName(ref, LOCK_TABLE)} SET ` +
    'acquired_at = CASE WHEN holder = :holder THEN acquired_at ELSE :now END, holder = :holder, heartbeat_at = :now ' +
    'WHERE lock_id = :lock_id AND (holder IS NULL OR holder = :holder OR heartbeat_at < :stale_before)'
  );
}

/** Take the lock from one named holder known to be dead (params: lock_id, holder, dead_holder, now). */
export function takeOverLockSql(ref: SchemaRef): string {
  return (
    `UPDATE ${tableName(ref, LOCK_TABLE)} SET holder = :holder, acquired_at = :now, heartbeat_at = :now ` +
    'WHERE lock_id = :lock_id AND holder = :dead_holder'
  );
}

/** Refresh our heartbeat; 0 rows affected means the lock was lost (params: lock_id, holder, now). */
export function heartbeatLockSql(ref: SchemaRef): string {
  return `UPDATE ${tableName(ref, LOCK_TABLE)} SET heartbeat_at = :now WHERE lock_id = :lock_id AND holder = :holder`;
}

/** Give the lock back if we hold it (params: lock_id, holder). */
export function releaseLockSql(ref: SchemaRef): string {
  return (
    `UPDATE ${tableName(ref, LOCK_TABLE)} SET holder = NULL, acquired_at = NULL, heartbeat_at = NULL ` +
    'WHERE lock_id = :lock_id AND holder = :holder'
  );
}

/** The lock row as it stands (params: lock_id). */
export function readLockSql(ref: SchemaRef): string {
  return `SELECT holder, acquired_at, heartbeat_at FROM ${tableName(ref, LOCK_TABLE)} WHERE lock_id = :lock_id`;
}
