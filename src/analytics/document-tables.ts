/**
 * Unity Catalog comments on the connector's tables and columns (what the column is, the Epicor field or rule it
 * comes from, its currency or unit). Existing comments are read in one query first and only differences are
 * written, so a run after the first one issues no statements at all.
 */
import type { DestinationClient } from '../destination/databricks/destination-client.ts';
import { quoteIdentifier, tableName } from '../destination/databricks/sql/identifier.ts';
import { ENTITIES } from '../source/epicor/catalog.ts';
import { columnComment, tableComment } from './column-docs.ts';
import { sqlString, type ViewContext } from './view-context.ts';

type Execute = DestinationClient['statements']['execute'];

const PARALLEL = 4;

export async function documentTables(execute: Execute, ctx: ViewContext): Promise<number> {
  const { catalog, schema } = ctx.tables;
  const infoSchema = `${quoteIdentifier(catalog, 'catalog')}.information_schema`;
  const param = [{ name: 'schema', value: schema }];
  const tables = await execute(`SELECT table_name, comment FROM ${infoSchema}.tables WHERE table_schema = :schema`, {
    parameters: param,
  });
  const columns = await execute(
    `SELECT table_name, column_name, comment FROM ${infoSchema}.columns WHERE table_schema = :schema`,
    { parameters: param },
  );
  const tableComments = new Map(tables.rows.map((r) => [String(r[0]), r[1]]));
  const statements: string[] = [];
  for (const entity of ENTITIES) {
    if (!tableComments.has(entity.table)) continue;
    const name = tableName(ctx.tables, entity.table);
    const wanted = tableComment(entity);
    if (tableComments.get(entity.table) !== wanted) statements.push(`COMMENT ON TABLE ${name} IS ${sqlString(wanted)}`);
    for (const row of columns.rows.filter((r) => r[0] === entity.table)) {
      const column = String(row[1]);
      const comment = columnComment(entity, column);
      if (comment === undefined || row[2] === comment) continue;
      statements.push(
        `ALTER TABLE ${name} ALTER COLUMN ${quoteIdentifier(column, 'column')} COMMENT ${sqlString(comment)}`,
      );
    }
  }
  // A first run writes hundreds of comments: a few at a time, as a warehouse runs ~10 statements at once.
  for (let i = 0; i < statements.length; i += PARALLEL) {
    await Promise.all(statements.slice(i, i + PARALLEL).map((s) => execute(s)));
  }
  return statements.length;
}
