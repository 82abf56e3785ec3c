/** Adapts the Databricks destination to the pipeline's DestinationPort. */
import type { DatabricksDestination } from '../destination/databricks/destination.ts';
import type { DestinationPort, RunRecord } from './ports.ts';

export function databricksPort(dest: DatabricksDestination): DestinationPort & { begin(): Promise<void> } {
  return {
    /** Makes sure the catalog objects and connector tables exist before the ledger is written. */
    begin: async () => {
      await dest.prepare([]);
    },
    prepare: async (schemas) => {
      await dest.prepare(schemas);
    },
    openEntityLoad: (schema, syncId, entityName) => dest.openEntityLoad(schema, syncId, entityName),
    cleanupOrphans: async (current) => {
      await dest.cleanupOrphans(current);
    },
    state: {
      readWatermarks: async (instance, company) => {
        const marks = await dest.state.readWatermarks(instance, company);
        const out = new Map<string, { cursorField: string; cursorValue: string }>();
        for (const [entity, m] of marks)
          if (m.cursorValue !== null) out.set(entity, { cursorField: m.cursorField, cursorValue: m.cursorValue });
        return out;
      },
      writeWatermark: (instance, company, entity, mark, syncId) =>
        dest.state.writeWatermark({
          instance,
          company,
          entity,
          cursorField: mark.cursorField,
          cursorValue: mark.cursorValue,
          syncId,
        }),
      startRun: (run: RunRecord) =>
        dest.state.startRun({
          syncId: run.syncId,
          trigger: run.trigger,
          startedAt: run.startedAt,
          entities: run.entities,
        }),
      finishRun: (run: RunRecord) =>
        dest.state.finishRun({
          syncId: run.syncId,
          status: run.status,
          finishedAt: run.finishedAt,
          entities: run.entities,
          error: run.error ?? null,
        }),
    },
  };
}
