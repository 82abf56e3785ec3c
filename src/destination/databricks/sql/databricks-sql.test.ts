import { describe, expect, it } from 'vitest';
import type { TargetSchema } from '../../../mapping/target-schema.ts';
import {
  addColumnsSql,
  createCatalogSql,
  createCurrentViewSql,
  createSchemaSql,
  createTableSql,
  createVolumeSql,
} from './ddl-sql.ts';
import { mergeSql } from './merge-sql.ts';
import {
  acquireLockSql,
  createStateTablesSql,
  finishRunSql,
  lastRunsSql,
  readWatermarksSql,
  startRunSql,
  writeWatermarkSql,
} from './state-sql.ts';

const ref = { catalog: 'main', schema: 'epicor' };
const lineage = [
  { name: '_source_rev', type: 'BIGINT', role: 'lineage' },
  { name: '_sync_date', type: 'DATE', role: 'lineage' },
  { name: '_is_deleted', type: 'BOOLEAN', role: 'lineage' },
] as const;
const vendor: TargetSchema = {
  table: 'dim_vendor',
  kind: 'dimension',
  keyColumn: 'vendor_key',
  columns: [
    { name: 'vendor_key', type: 'STRING', role: 'key' },
    { name: 'name', type: 'STRING', role: 'data' },
    ...lineage,
  ],
};
const invoice: TargetSchema = {
  table: 'fact_ap_invoice',
  kind: 'fact',
  keyColumn: 'ap_invoice_key',
  columns: [
    { name: 'ap_invoice_key', type: 'STRING', role: 'key' },
    { name: 'amount', type: 'DECIMAL(18,4)', role: 'data' },
    ...lineage,
  ],
};
const folder = '/Volumes/main/epicor/stg/s1/vendors';

describe('generated SQL text', () => {
  it.each<[string, string, string]>([
    ['create catalog', createCatalogSql('main'), 'CREATE CATALOG IF NOT EXISTS `main`'],
    ['create schema', createSchemaSql(ref), 'CREATE SCHEMA IF NOT EXISTS `main`.`epicor`'],
    ['create volume', createVolumeSql(ref, 'stg'), 'CREATE VOLUME IF NOT EXISTS `main`.`epicor`.`stg`'],
    [
      'create table, cluster layout',
      createTableSql(ref, vendor, 'cluster'),
      'CREATE TABLE IF NOT EXISTS `main`.`epicor`.`dim_vendor` (`vendor_key` STRING, `name` STRING, ' +
        '`_source_rev` BIGINT, `_sync_date` DATE, `_is_deleted` BOOLEAN) USING DELTA CLUSTER BY (`_sync_date`) ' +
        "TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true')",
    ],
    [
      'create table, partition layout',
      createTableSql(ref, invoice, 'partition'),
      'CREATE TABLE IF NOT EXISTS `main`.`epicor`.`fact_ap_invoice` (`ap_invoice_key` STRING, `amount` DECIMAL(18,4), ' +
        '`_source_rev` BIGINT, `_sync_date` DATE, `_is_deleted` BOOLEAN) USING DELTA PARTITIONED BY (`_sync_date`) ' +
        "TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true')",
    ],
    [
      'add columns',
      addColumnsSql(ref, 'dim_vendor', [
        { name: 'tax_id_c', type: 'STRING', role: 'data' },
        { name: 'credit_limit', type: 'DECIMAL(20,2)', role: 'data' },
      ]),
      'ALTER TABLE `main`.`epicor`.`dim_vendor` ADD COLUMNS (`tax_id_c` STRING, `credit_limit` DECIMAL(20,2))',
    ],
    [
      'current view',
      createCurrentViewSql(ref, invoice),
      'CREATE OR REPLACE VIEW `main`.`epicor`.`fact_ap_invoice_current` AS SELECT * FROM (SELECT * FROM ' +
        '`main`.`epicor`.`fact_ap_invoice` QUALIFY ROW_NUMBER() OVER (PARTITION BY `ap_invoice_key` ' +
        'ORDER BY `_source_rev` DESC) = 1) AS latest WHERE NOT coalesce(`_is_deleted`, false)',
    ],
    [
      'merge dimension',
      mergeSql(ref, vendor, folder),
      'MERGE INTO `main`.`epicor`.`dim_vendor` AS t USING (SELECT `vendor_key`, `name`, `_source_rev`, `_sync_date`, ' +
        "`_is_deleted` FROM read_files('/Volumes/main/epicor/stg/s1/vendors/', format => 'parquet') " +
        'QUALIFY ROW_NUMBER() OVER (PARTITION BY `vendor_key` ORDER BY `_source_rev` DESC) = 1) AS s ' +
        'ON t.`vendor_key` = s.`vendor_key` WHEN MATCHED AND s.`_source_rev` > t.`_source_rev` THEN UPDATE SET ' +
        't.`name` = s.`name`, t.`_source_rev` = s.`_source_rev`, t.`_sync_date` = s.`_sync_date`, ' +
        't.`_is_deleted` = s.`_is_deleted` WHEN NOT MATCHED THEN INSERT (`vendor_key`, `name`, `_source_rev`, ' +
        '`_sync_date`, `_is_deleted`) VALUES (s.`vendor_key`, s.`name`, s.`_source_rev`, s.`_sync_date`, s.`_is_deleted`)',
    ],
    [
      'merge fact',
      mergeSql(ref, invoice, folder),
      'MERGE INTO `main`.`epicor`.`fact_ap_invoice` AS t USING (SELECT `ap_invoice_key`, `amount`, `_source_rev`, ' +
        "`_sync_date`, `_is_deleted` FROM read_files('/Volumes/main/epicor/stg/s1/vendors/', format => 'parquet') " +
        'QUALIFY ROW_NUMBER() OVER (PARTITION BY `ap_invoice_key`, `_source_rev` ORDER BY `_source_rev` DESC) = 1) AS s ' +
        'ON t.`ap_invoice_key` = s.`ap_invoice_key` AND t.`_source_rev` IS NOT DISTINCT FROM s.`_source_rev` ' +
        'WHEN NOT MATCHED THEN INSERT (`ap_invoice_key`, `amount`, `_source_rev`, `_sync_date`, `_is_deleted`) ' +
        'VALUES (s.`ap_invoice_key`, s.`amount`, s.`_source_rev`, s.`_sync_date`, s.`_is_deleted`)',
    ],
    [
      'read watermarks',
      readWatermarksSql(ref),
      'SELECT entity, cursor_field, cursor_value FROM `main`.`epicor`.`_ml_connector_state` ' +
        'WHERE source_instance = :source_instance AND company = :company',
    ],
    [
      'finish run',
      finishRunSql(ref),
      'UPDATE `main`.`epicor`.`_ml_connector_runs` SET finished_at = :finished_at, ' +
        "status = CASE WHEN sync_id = :sync_id THEN :status ELSE 'failed' END, " +
        'entities = CASE WHEN sync_id = :sync_id THEN :entities ELSE entities END, ' +
        "error = CASE WHEN sync_id = :sync_id THEN :error ELSE 'the run stopped before it finished (its process was killed or crashed)' END " +
        "WHERE sync_id = :sync_id OR status = 'running'",
    ],
    [
      'last runs',
      lastRunsSql(ref),
      'SELECT sync_id, `trigger`, started_at, finished_at, status, entities, error FROM ' +
        '`main`.`epicor`.`_ml_connector_runs` ORDER BY started_at DESC LIMIT :limit',
    ],
  ])('%s', (_kind, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('state statements take every value as a :parameter', () => {
    const statements = [
      ...Object.values(createStateTablesSql(ref)),
      writeWatermarkSql(ref),
      startRunSql(ref),
      acquireLockSql(ref),
    ];
    expect(writeWatermarkSql(ref)).toMatch(
      /^MERGE INTO `main`.`epicor`.`_ml_connector_state` AS t USING \(SELECT :source_instance AS source_instance/,
    );
    expect(startRunSql(ref)).toContain('ON t.sync_id = s.sync_id WHEN NOT MATCHED THEN INSERT');
    // The only literal is the lock row's constant id.
    for (const sql of statements) expect(sql.replace("'destination'", '')).not.toContain("'");
  });

  it('refuses hostile names and types instead of generating SQL', () => {
    expect(() => createTableSql(ref, { ...vendor, table: 'x; DROP TABLE y' }, 'cluster')).toThrow(/not allowed/);
    expect(() => mergeSql(ref, { ...vendor, keyColumn: 'k`' }, folder)).toThrow();
    expect(() =>
      createTableSql(
        ref,
        { ...vendor, columns: [...vendor.columns, { name: 'evil', type: 'STRING) --' as 'STRING', role: 'data' }] },
        'cluster',
      ),
    ).toThrow(/unsupported column type/);
    expect(() => mergeSql(ref, vendor, "/Volumes/a/b/c/x'y")).toThrow();
    expect(() =>
      createTableSql(ref, { ...vendor, columns: vendor.columns.filter((c) => c.name !== '_sync_date') }, 'cluster'),
    ).toThrow(/_sync_date/);
  });
});

describe('statistics for the clustering column', () => {
  it('names keys and lineage in delta.dataSkippingStatsColumns when _sync_date would sit past column 32', () => {
    const refs = Array.from({ length: 32 }, (_, i) => ({
      name: `r${i}_key`,
      type: 'STRING' as const,
      role: 'ref' as const,
    }));
    const wide: TargetSchema = {
      table: 'fact_wide',
      kind: 'fact',
      keyColumn: 'wide_key',
      columns: [
        { name: 'wide_key', type: 'STRING', role: 'key' },
        ...refs,
        { name: '_source_rev', type: 'BIGINT', role: 'lineage' },
        { name: '_sync_date', type: 'DATE', role: 'lineage' },
        { name: 'amount', type: 'DECIMAL(18,4)', role: 'data' },
      ],
    };
    const sql = createTableSql(ref, wide, 'cluster');
    expect(sql).toContain(
      `'delta.dataSkippingStatsColumns' = 'wide_key,${refs.map((r) => r.name).join(',')},_source_rev,_sync_date'`,
    );
    expect(createTableSql(ref, vendor, 'cluster')).not.toContain('dataSkippingStatsColumns');
  });
});
