import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import type { StoredEvent } from '../../src/event-store/event-store.types';
import { foldDocument } from '../../src/stories/document';
import { computeTallies } from '../../src/stories/tallies/compute-tallies';
import { StoryVersionsProjection } from '../../src/stories/projections/versions/story-versions.projection';
import { StoryVersionsReader } from '../../src/stories/projections/versions/story-versions.reader';
import { SNAPSHOT_EVERY } from '../../src/stories/projections/versions/story-versions.tables';
import { applyInTransaction, batchesOf, storyEvents } from '../support/story-event-batches';
import { testAppConfig } from '../support/test-database';

const VERSIONS = 3 * SNAPSHOT_EVERY + 17;

/**
 * What the projection's cache does to the story_versions tables: nothing. The runner is off; each
 * test applies batches itself, through projection instances it controls, each batch in a
 * transaction of its own as the runner would.
 */
describe('story_versions: the cache of latest states never changes what is written', () => {
  let app: INestApplication;
  let dataSource: DataSource;
  let reader: StoryVersionsReader;
  const storyIds: string[] = [];

  beforeAll(async () => {
    app = await createApp(testAppConfig({ NEWSDESK_PROJECTIONS: 'off' }), { logger: false });
    await app.init();
    dataSource = app.get(DataSource);
    reader = app.get(StoryVersionsReader);
  });
  afterAll(async () => {
    // These stories' events were never stored: leave no rows behind for a later rebuild to disagree with.
    await dataSource?.query(`DELETE FROM story_versions WHERE story_id = ANY($1::text[])`, [storyIds]);
    await dataSource?.query(`DELETE FROM story_version_snapshots WHERE story_id = ANY($1::text[])`, [storyIds]);
    await app?.close();
  });

  function newStory(): { storyId: string; events: StoredEvent[] } {
    const storyId = randomUUID();
    storyIds.push(storyId);
    return { storyId, events: storyEvents(storyId, VERSIONS) };
  }

  /**
   * Applies one batch in a transaction of its own (rolled back when asked). Answers how many
   * stories the batch had to re-fold from the tables rather than take from the cache.
   */
  async function apply(projection: StoryVersionsProjection, events: StoredEvent[], options: { rollBack?: boolean } = {}): Promise<number> {
    let refolded = 0;
    await applyInTransaction(dataSource, projection, events, {
      ...options,
      // The batch's one read: a row whose snapshot or version rows came back is a re-fold.
      observe: (sql, rows) => {
        if (/^\s*SELECT/.test(sql)) refolded += (rows as { document: unknown; version_rows: unknown }[]).filter((row) => row.document !== null || row.version_rows !== null).length;
      },
    });
    return refolded;
  }

  /** Every row of the story and every version's document as the reader serves them. */
  async function stored(storyId: string) {
    const versions = Array.from({ length: VERSIONS }, (_, index) => index + 1);
    return {
      rows: await dataSource.query(
        `SELECT version, event_id, type, actor, recorded_at, summary, published, position, data::text FROM story_versions WHERE story_id = $1 ORDER BY version`,
        [storyId],
      ),
      snapshots: await dataSource.query(`SELECT version, document::text, reports::text FROM story_version_snapshots WHERE story_id = $1 ORDER BY version`, [storyId]),
      documents: [...(await reader.documentsAt(storyId, versions))].sort(([a], [b]) => a - b),
      current: await reader.currentDocument(storyId),
      marks: await reader.marks(storyId),
    };
  }

  async function emptyTablesOf(storyId: string): Promise<void> {
    await dataSource.query(`DELETE FROM story_versions WHERE story_id = $1`, [storyId]);
    await dataSource.query(`DELETE FROM story_version_snapshots WHERE story_id = $1`, [storyId]);
  }

  /** What one warm instance writes, applying every batch in turn. */
  async function appliedByOneInstance(storyId: string, batches: StoredEvent[][]) {
    const projection = new StoryVersionsProjection();
    const refolds: number[] = [];
    for (const batch of batches) refolds.push(await apply(projection, batch));
    return { written: await stored(storyId), refolds };
  }

  it('writes and serves the same with a cold cache (a fresh instance per batch) as with a warm one, both the pure fold of the events', async () => {
    const { storyId, events } = newStory();
    const batches = batchesOf(events, [1, 13, 50, 64, 7, 31]);
    const warm = await appliedByOneInstance(storyId, batches);
    // The warm instance re-folded nothing after its first batch; the cold ones re-fold every time.
    expect(warm.refolds).toEqual(batches.map(() => 0));

    await emptyTablesOf(storyId);
    const coldRefolds: number[] = [];
    for (const batch of batches) coldRefolds.push(await apply(new StoryVersionsProjection(), batch));
    expect(coldRefolds).toEqual(batches.map((_, index) => (index === 0 ? 0 : 1)));
    const cold = await stored(storyId);

    expect(cold).toEqual(warm.written);
    expect(cold.rows).toHaveLength(VERSIONS);
    expect(cold.snapshots.map((row: { version: number }) => row.version)).toEqual([SNAPSHOT_EVERY, 2 * SNAPSHOT_EVERY, 3 * SNAPSHOT_EVERY]);
    const folded = (version: number) => JSON.parse(JSON.stringify(foldDocument(events.slice(0, version))!.document));
    expect(cold.documents).toEqual(events.map((event) => [event.version, folded(event.version)]));
    expect(cold.current).toEqual(folded(VERSIONS));
    expect(cold.marks).toEqual({ latest: VERSIONS, latestPublished: [192, 160] });
  });

  it('writes each snapshot as the pure fold untallied, whatever the batches, and serves it with the tallies computed', async () => {
    const { storyId, events } = newStory();
    // Batches end at 62 (a report), then take 63–64, 128 and 192 alone: no report in the stretch
    // that ends at each snapshot, so a tally carried in the cached state would be a stale one.
    const batches = batchesOf(events, [62, 2, 63, 1, 63, 1, 17]);
    expect(batches.map((batch) => batch[batch.length - 1].version)).toEqual([62, 64, 127, 128, 191, 192, VERSIONS]);
    const folded = (version: number) => foldDocument(events.slice(0, version))!;
    const snapshotVersions = [1, 2, 3].map((times) => times * SNAPSHOT_EVERY);
    const expected = snapshotVersions.map((version) => {
      const { document, reports } = folded(version);
      // The tallies are left out (empty, in their place among the keys); the reports they come from are kept.
      return { version, document: JSON.stringify({ ...document, tallies: [] }), reports: JSON.stringify(reports) };
    });

    const warm = await appliedByOneInstance(storyId, batches);
    await emptyTablesOf(storyId);
    for (const batch of batches) await apply(new StoryVersionsProjection(), batch);
    const cold = await stored(storyId);

    for (const { snapshots, documents } of [warm.written, cold]) {
      expect(snapshots).toEqual(expected);
      // A read at a snapshot's own version (no version row after it) computes the tallies from its reports.
      for (const version of snapshotVersions) {
        const [, served] = documents.find(([at]) => at === version)!;
        expect(served.tallies.length).toBeGreaterThan(0);
        expect(JSON.stringify(served)).toBe(JSON.stringify(folded(version).document));
        expect(served.tallies).toEqual(JSON.parse(JSON.stringify(computeTallies(folded(version).reports))));
      }
    }
  });

  it('does not use a state another instance has moved past: two instances taking turns write what one does', async () => {
    const { storyId, events } = newStory();
    // The second instance's turns fall inside snapshot stretches, so a stale state would show in a snapshot and in summaries.
    const batches = batchesOf(events, [40, 10, 50, 30, 3]);
    const single = await appliedByOneInstance(storyId, batches);

    await emptyTablesOf(storyId);
    const instances = [new StoryVersionsProjection(), new StoryVersionsProjection()];
    const refolds: number[] = [];
    for (const [turn, batch] of batches.entries()) refolds.push(await apply(instances[turn % 2], batch));
    // Every turn after the first finds its instance with no cached state (the second) or one a hand-over behind.
    expect(refolds).toEqual(batches.map((_, turn) => (turn === 0 ? 0 : 1)));
    expect(await stored(storyId)).toEqual(single.written);
  });

  it('does not use a state the tables no longer reach: emptied, cut back or rolled back', async () => {
    const { storyId, events } = newStory();
    const single = await appliedByOneInstance(storyId, batchesOf(events, [70, 60, 30, VERSIONS]));

    await emptyTablesOf(storyId);
    const projection = new StoryVersionsProjection();
    expect(await apply(projection, events.slice(0, 130))).toBe(0);

    // Emptied (a rebuild starting over): its cached state at 130 matches nothing, the story starts afresh.
    await emptyTablesOf(storyId);
    expect(await apply(projection, events.slice(0, 70))).toBe(0);

    // A batch rolled back after the cache took its state at 100: the tables still end at 70.
    expect(await apply(projection, events.slice(70, 100), { rollBack: true })).toBe(0);
    expect(await apply(projection, events.slice(70, 130))).toBe(1);

    // Cut back to 100 (say, tables swapped for ones that had reached 100): its state at 130 is not the head.
    await dataSource.query(`DELETE FROM story_versions WHERE story_id = $1 AND version > 100`, [storyId]);
    await dataSource.query(`DELETE FROM story_version_snapshots WHERE story_id = $1 AND version > 100`, [storyId]);
    expect(await apply(projection, events.slice(100))).toBe(1);

    expect(await stored(storyId)).toEqual(single.written);
  });
});
