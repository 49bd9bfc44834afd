import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import type { StoredEvent } from '../../src/event-store/event-store.types';
import { CasualtyTalliesProjection } from '../../src/stories/projections/casualty-tallies/casualty-tallies.projection';
import { applyInTransaction, batchesOf, storyEvents } from '../support/story-event-batches';
import { testAppConfig } from '../support/test-database';

const VERSIONS = 160;

/**
 * What keeping a story's reports in memory between batches does to casualty_tallies: nothing. The
 * runner is off; each test applies batches itself, through projection instances it controls, each
 * batch in a transaction of its own as the runner would, and compares the stored tallies TEXT (what
 * the read sends) byte for byte.
 */
describe('casualty_tallies: reports kept between batches never change what is stored', () => {
  let app: INestApplication;
  let dataSource: DataSource;
  const storyIds: string[] = [];

  beforeAll(async () => {
    app = await createApp(testAppConfig({ NEWSDESK_PROJECTIONS: 'off' }), { logger: false });
    await app.init();
    dataSource = app.get(DataSource);
  });
  afterAll(async () => {
    // These stories' events were never stored: leave no rows behind for a later rebuild to disagree with.
    await dataSource?.query(`DELETE FROM casualty_reports WHERE story_id = ANY($1::uuid[])`, [storyIds]);
    await dataSource?.query(`DELETE FROM casualty_tallies WHERE story_id = ANY($1::uuid[])`, [storyIds]);
    await app?.close();
  });

  function newStory(): { storyId: string; events: StoredEvent[] } {
    const storyId = randomUUID();
    storyIds.push(storyId);
    return { storyId, events: storyEvents(storyId, VERSIONS) };
  }

  /** Applies one batch in a transaction of its own (rolled back when asked); answers how many report rows the batch read back. */
  async function apply(projection: CasualtyTalliesProjection, events: StoredEvent[], options: { rollBack?: boolean } = {}): Promise<number> {
    let readBack = 0;
    await applyInTransaction(dataSource, projection, events, {
      ...options,
      observe: (sql, rows) => {
        if (/through_position, r\.event_id/.test(sql)) readBack += (rows as { event_id: string | null }[]).filter((row) => row.event_id !== null).length;
      },
    });
    return readBack;
  }

  async function stored(storyId: string): Promise<{ tallies: string; reports: unknown[] }> {
    const [{ tallies }] = await dataSource.query(`SELECT tallies FROM casualty_tallies WHERE story_id = $1`, [storyId]);
    const reports = await dataSource.query(`SELECT event_id, position, data::text, corrected, retracted FROM casualty_reports WHERE story_id = $1 ORDER BY position`, [storyId]);
    return { tallies, reports };
  }

  async function emptyTablesOf(storyId: string): Promise<void> {
    await dataSource.query(`DELETE FROM casualty_reports WHERE story_id = $1`, [storyId]);
    await dataSource.query(`DELETE FROM casualty_tallies WHERE story_id = $1`, [storyId]);
  }

  it('stores the same text from kept reports (one instance) as from the rows (a fresh instance per batch)', async () => {
    const { storyId, events } = newStory();
    const batches = batchesOf(events, [1, 13, 50, 7, 31]);
    const warm = new CasualtyTalliesProjection();
    const warmReads: number[] = [];
    for (const batch of batches) warmReads.push(await apply(warm, batch));
    const fromKept = await stored(storyId);
    // After the batch that first reported, nothing is read back: every later batch starts from the kept copy.
    expect(warmReads.slice(2)).toEqual(batches.slice(2).map(() => 0));

    await emptyTablesOf(storyId);
    const coldReads: number[] = [];
    for (const batch of batches) coldReads.push(await apply(new CasualtyTalliesProjection(), batch));
    // A fresh instance reads back every report of the story at every batch that touches them (a batch of one statement touches none).
    expect(coldReads.slice(2).filter((count) => count > 0).length).toBeGreaterThanOrEqual(4);

    const fromRows = await stored(storyId);
    expect(fromKept.tallies).toBe(fromRows.tallies);
    expect(fromKept.reports).toEqual(fromRows.reports);
    expect(JSON.parse(fromRows.tallies).length).toBeGreaterThan(0);
  });

  it('does not use reports another instance has moved past: two instances taking turns store what one does', async () => {
    const { storyId, events } = newStory();
    const batches = batchesOf(events, [40, 10, 50, 30, 3]);
    const single = new CasualtyTalliesProjection();
    for (const batch of batches) await apply(single, batch);
    const one = await stored(storyId);

    await emptyTablesOf(storyId);
    const instances = [new CasualtyTalliesProjection(), new CasualtyTalliesProjection()];
    for (const [turn, batch] of batches.entries()) await apply(instances[turn % 2], batch);
    expect(await stored(storyId)).toEqual(one);
  });

  it('does not use reports the tables no longer hold: emptied, or a batch rolled back', async () => {
    const { storyId, events } = newStory();
    const single = new CasualtyTalliesProjection();
    for (const batch of batchesOf(events, [70, 60, VERSIONS])) await apply(single, batch);
    const one = await stored(storyId);

    await emptyTablesOf(storyId);
    const projection = new CasualtyTalliesProjection();
    await apply(projection, events.slice(0, 130));
    // Emptied (a rebuild starting over): the copy kept at 130 matches no row.
    await emptyTablesOf(storyId);
    await apply(projection, events.slice(0, 70));
    // Rolled back after the copy was kept for 100: the row still says 70.
    await apply(projection, events.slice(70, 100), { rollBack: true });
    expect(await apply(projection, events.slice(70, 130))).toBeGreaterThan(0);
    expect(await apply(projection, events.slice(130))).toBe(0);

    expect(await stored(storyId)).toEqual(one);
  });
});
