/** The `schemaChanges` policy per target table (the destination works in table names; config in entity names). */

import type { Config } from '../config/schema.ts';
import { schemaChangePolicyOf, schemaChangesKeyOf } from '../config/schema-changes-config.ts';
import type { TablePolicy } from '../destination/databricks/schema-policy.ts';
import { baqEntity, ENTITIES } from '../source/epicor/catalog.ts';

export function schemaChangePolicies(
  config: Pick<Config, 'schemaChanges' | 'entities'>,
): (table: string) => TablePolicy {
  const entityOf = new Map(ENTITIES.map((e) => [e.table, e.name]));
  if (config.entities !== 'all') {
    for (const c of config.entities) {
      if (c.name.startsWith('baq:')) entityOf.set(baqEntity({ id: c.name.slice(4), keys: c.keys ?? [] }).table, c.name);
    }
  }
  return (table) => {
    const entity = entityOf.get(table) ?? table;
    return {
      policy: schemaChangePolicyOf(config.schemaChanges, entity),
      entity,
      key: schemaChangesKeyOf(config.schemaChanges, entity),
    };
  };
}
