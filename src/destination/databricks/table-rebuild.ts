/**
 * The destination's side of `resync <entity>`: a side table to rebuild a target table in, the one-statement swap
 * (sql/swap-sql.ts says why it is atomic), and the side table's removal. The pipeline's resync plan drives it.
 */

import type { TargetSchema } from '../../mapping/target-schema.ts';
import type { DestinationClient } from './destination-client.ts';
import { asOfFunctionSql } from './sql/as-of-function.ts';
import type { TableLayout } from './sql/ddl-sql.ts';
import type { SchemaRef } from './sql/identifier.ts';
import { createResyncTableSql, dropResyncTableSql, resyncSchemaOf, swapInResyncTableSql } from './sql/swap-sql.ts';

export interface TableRebuild {
  /** Drops a dead rebuild's side table and creates a fresh one; returns the schema to load it through. */
  beginRebuild(schema: TargetSchema, signal?: AbortSignal): Promise<TargetSchema>;
  /** Replaces the target by the side table in one commit (and a fact's `as_of` function after it). */
  swapIn(schema: TargetSchema, signal?: AbortSignal): Promise<void>;
  /** Drops the side table (after the swap, or to give up). */
  endRebuild(schema: TargetSchema, signal?: AbortSignal): Promise<void>;
}

export function createTableRebuild(client: DestinationClient, ref: SchemaRef, layout: TableLayout): TableRebuild {
  const exec = (sql: string, signal?: AbortSignal) => client.statements.execute(sql, { signal });
  return {
    async beginRebuild(schema, signal) {
      await exec(dropResyncTableSql(ref, schema.table), signal);
      await exec(createResyncTableSql(ref, schema, layout), signal);
      // Loaded as a dimension: one row per record either way (a full read has one version of each), and the side
      // table gets no `_current` view, `as_of` function or history of its own.
      return { ...resyncSchemaOf(schema), kind: 'dimension' };
    },
    async swapIn(schema, signal) {
      await exec(swapInResyncTableSql(ref, schema, layout), signal);
      // A fact's `<table>_as_of` declares the table's columns, which the rebuild may have changed.
      const asOf = schema.kind === 'fact' ? asOfFunctionSql(ref, schema, false) : undefined;
      if (asOf) await exec(asOf, signal);
    },
    async endRebuild(schema, signal) {
      await exec(dropResyncTableSql(ref, schema.table), signal);
    },
  };
}
