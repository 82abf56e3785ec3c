/** The per-entity options `status` shows (issue 19: every option is visible there), as JSON and as one table cell. */
import type { Config } from '../../config/schema.ts';
import type { EntityDef } from '../../source/epicor/catalog.ts';

export interface EntityOptions {
  /** `<table>_history` when the dimension keeps SCD2 history (config `history`), else null. */
  history: string | null;
  /** The `as_of` table function over the entity's versions (facts; dimensions with history), else null. */
  as_of: string | null;
}

export function entityOptions(config: Pick<Config, 'history'>, def: EntityDef): EntityOptions {
  const history = def.kind === 'dimension' && config.history.includes(def.name) ? `${def.table}_history` : null;
  const asOf = def.kind === 'fact' || history ? `${def.table}_as_of(ts)` : null;
  return { history, as_of: asOf };
}

/** `history → dim_vendor_history, as_of`, or `-`. */
export function entityOptionsText(o: EntityOptions): string {
  const parts = [o.history ? `history → ${o.history}` : null, o.as_of ? 'as_of' : null].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : '-';
}
