/** The dimension tables of the config's `history` entities (the destination works in table names). */
import type { Config } from '../config/schema.ts';
import { entityByName } from '../source/epicor/catalog.ts';

export function historyTables(config: Pick<Config, 'history'>): string[] {
  return (config.history ?? []).flatMap((name) => {
    const def = entityByName(name);
    return def && def.kind === 'dimension' ? [def.table] : [];
  });
}
