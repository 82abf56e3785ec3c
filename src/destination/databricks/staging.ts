/**
 * The staging area in the volume: `/Volumes/<c>/<s>/<v>/<sync_id>/<entity>/part-NNNNN.parquet`. Parts upload while
 * extraction goes on (at most `maxInFlight` per entity), folders are removed after their MERGE committed, and
 * folders left by dead runs are removed at the next start.
 */
import { isConnectorError } from '../../errors.ts';
import { Semaphore } from '../../semaphore.ts';
import type { DestinationClient } from './destination-client.ts';
import type { Part } from './parquet/part-writer.ts';
import type { SchemaRef } from './sql/identifier.ts';
import { entityFolder, partFileName, runFolder, validateSegment, volumeRoot } from './sql/volume-path.ts';

/** Uploads one entity's parts into its staging folder, overlapping uploads with the caller's work. */
export class EntityStaging {
  readonly folder: string;
  private readonly slots: Semaphore;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown;
  private madeFolder = false;
  private uploaded = 0;

  constructor(
    private readonly client: DestinationClient,
    root: string,
    syncId: string,
    entity: string,
    maxInFlight = 2,
    private readonly signal?: AbortSignal,
  ) {
    this.folder = entityFolder(root, syncId, entity);
    this.slots = new Semaphore(maxInFlight);
  }

  /** Parts fully uploaded so far. */
  get partsUploaded(): number {
    return this.uploaded;
  }

  /** Starts uploading a part; resolves once an upload slot is free (backpressure), not when the upload ends. */
  async stage(part: Part): Promise<void> {
    this.throwIfFailed();
    const release = await this.slots.acquire(this.signal);
    this.throwIfFailed();
    const upload = this.upload(part)
      .then(() => {
        this.uploaded++;
      })
      .catch((e) => {
        this.failure ??= e;
      })
      .finally(() => {
        release();
        this.inFlight.delete(upload);
      });
    this.inFlight.add(upload);
  }

  /** Waits for every started upload; throws the first upload failure. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    this.throwIfFailed();
  }

  /** Removes the folder and everything in it (waits for uploads still running first, ignoring their failures). */
  async remove(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    await this.client.files.deleteTree(this.folder);
  }

  private async upload(part: Part): Promise<void> {
    if (!this.madeFolder) {
      await this.client.files.mkdirs(this.folder);
      this.madeFolder = true;
    }
    // overwrite: a retried upload of the same part replaces it instead of failing on 409.
    await this.client.files.upload(`${this.folder}/${partFileName(part.index)}`, part.bytes, {
      overwrite: true,
      signal: this.signal,
    });
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

/** The volume-level view of staging: paths, the run folder, orphan cleanup. */
export class StagingArea {
  readonly root: string;

  constructor(
    private readonly client: DestinationClient,
    ref: SchemaRef,
    volume: string,
  ) {
    this.root = volumeRoot(ref, volume);
  }

  /** A stager for one entity of one run. */
  entity(syncId: string, entity: string, maxInFlight = 2, signal?: AbortSignal): EntityStaging {
    return new EntityStaging(this.client, this.root, syncId, entity, maxInFlight, signal);
  }

  /** Removes the whole folder of a run (after all its entities committed). */
  async removeRun(syncId: string): Promise<void> {
    await this.client.files.deleteTree(runFolder(this.root, syncId));
  }

  /**
   * Removes every run folder in the volume other than `currentSyncId`'s: leftovers of runs that died before
   * cleaning up. Call it while holding the destination lock, so no live run's folder is touched. Returns the
   * names removed.
   */
  async removeOrphans(currentSyncId: string): Promise<string[]> {
    validateSegment(currentSyncId, 'sync id');
    let entries: { name: string; isDirectory: boolean }[];
    try {
      entries = await this.client.files.list(this.root);
    } catch (e) {
      if (isConnectorError(e) && e.code === 'NOT_FOUND') return [];
      throw e;
    }
    const orphans = entries.filter((e) => e.isDirectory && e.name !== currentSyncId).map((e) => e.name);
    await Promise.all(orphans.map((name) => this.client.files.deleteTree(`${this.root}/${name}`)));
    return orphans;
  }
}
