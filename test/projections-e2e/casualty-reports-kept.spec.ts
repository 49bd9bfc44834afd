import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import type { StoredEvent } from '../../src/event-store/event-store.types';
import { CasualtyTalliesProjection } from '../../src/stories/projections/casualty-tallies/casualty-tallies.projection';
import { storedTallies } from '../../src/stories/projections/casualty-tallies/read-casualty-tallies.handler';
import { applyInTransaction, batchesOf, StoredStoryEvents, storyEvents } from '../support/story-event-batches';
import { computeTallies } from '../../src/stories/tallies/compute-tallies';
import type { CasualtyTally, TallyReport } from '../../src/stories/tallies/compute-tallies';
import type { CasualtiesReportedData } from '../../src/stories/story.events';
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
    await dataSource?.query(`DELETE FROM casualty_tally_groups WHERE story_id = ANY($1::uuid[])`, [storyIds]);
    await dataSource?.query(`DELETE FROM casualty_tally_history WHERE story_id = ANY($1::uuid[])`, [storyIds]);
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
    const tallies = await storedTallies((sql, parameters) => dataSource.query(sql, parameters), storyId);
    if (tallies === undefined) throw new Error(`Story ${storyId} has no casualty_tallies row`);
    const reports = await dataSource.query(`SELECT event_id, position, data::text, corrected, retracted FROM casualty_reports WHERE story_id = $1 ORDER BY position`, [storyId]);
    return { tallies, reports };
  }

  async function emptyTablesOf(storyId: string): Promise<void> {
    await dataSource.query(`DELETE FROM casualty_reports WHERE story_id = $1`, [storyId]);
    await dataSource.query(`DELETE FROM casualty_tallies WHERE story_id = $1`, [storyId]);
    await dataSource.query(`DELETE FROM casualty_tally_groups WHERE story_id = $1`, [storyId]);
    await dataSource.query(`DELETE FROM casualty_tally_history WHERE story_id = $1`, [storyId]);
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

  it('rewrites only the groups a batch changed: a new report, a group a correction empties, a party whose first spelling changes', async () => {
    const story = new StoredStoryEvents(randomUUID());
    storyIds.push(story.storyId);
    const report = (party: string, category: string, min: number) =>
      story.push('CasualtiesReported', {
        party, category, figure: { min, max: min }, status: 'confirmed', source: { name: 'Mara Velic', role: 'governor' }, asOf: `2026-03-14T18:0${min}:00.000Z`,
      });
    const correct = (targetEventId: string, changes: object, before: object) =>
      story.push('CorrectionIssued', { targetEventId, targetType: 'CasualtiesReported', changes, before, reason: 'The desk misfiled it.' });
    story.push('StoryOpened', { storyId: story.storyId, slug: `groups-${story.storyId.slice(0, 8)}`, headline: 'Post shelled', bylines: ['Lena Morav'] });
    const guardsKilled = report('Border guards', 'killed', 1);
    const guardsWounded = report('border  guards', 'wounded', 2);
    report('villagers', 'displaced', 3);
    const projection = new CasualtyTalliesProjection();
    /** Applies the events pushed since the last call; answers the groups the batch wrote, as "party key/category". */
    let applied = 0;
    const applyNext = async (): Promise<string[]> => {
      const before = await groupRows(story.storyId);
      await apply(projection, story.events.slice(applied));
      applied = story.events.length;
      const after = await groupRows(story.storyId);
      return [...after].filter(([group, xmin]) => before.get(group) !== xmin).map(([group]) => group);
    };
    expect(await applyNext()).toEqual(['border guards/0', 'border guards/1', 'villagers/4']);

    report('villagers', 'displaced', 4);
    expect(await applyNext()).toEqual(['villagers/4']);

    // The only wounded report becomes a missing one: its group goes, another comes.
    correct(guardsWounded, { category: 'missing' }, { category: 'wounded' });
    expect(await applyNext()).toEqual(['border guards/2']);
    expect([...(await groupRows(story.storyId)).keys()]).toEqual(['border guards/0', 'border guards/2', 'villagers/4']);

    // The guards' first report now names the villagers, spelled anew: both parties read as first written elsewhere.
    correct(guardsKilled, { party: 'Villagers' }, { party: 'Border guards' });
    expect(await applyNext()).toEqual(['border guards/2', 'villagers/0', 'villagers/4']);
    expect([...(await groupRows(story.storyId)).keys()]).toEqual(['border guards/2', 'villagers/0', 'villagers/4']);
    const kept = await stored(story.storyId);
    expect(JSON.parse(kept.tallies).map(({ party, category }: { party: string; category: string }) => `${party}/${category}`)).toEqual([
      'border guards/missing',
      'Villagers/killed',
      'Villagers/displaced',
    ]);

    await emptyTablesOf(story.storyId);
    await apply(new CasualtyTalliesProjection(), story.events);
    expect(await stored(story.storyId)).toEqual(kept);
  });

  it('reads the groups back in the order computeTallies gives, whatever the database\'s collation', async () => {
    const story = new StoredStoryEvents(randomUUID());
    storyIds.push(story.storyId);
    story.push('StoryOpened', { storyId: story.storyId, slug: `order-${story.storyId.slice(0, 8)}`, headline: 'Post shelled', bylines: ['Lena Morav'] });
    for (const party of ['😀 fighters', 'Émigrés', 'ｆighters', 'zeta brigade', 'Alpha company', 'émigrés']) {
      for (const category of ['displaced', 'killed']) {
        story.push('CasualtiesReported', { party, category, figure: { min: 3 }, status: 'claimed', source: { name: 'Ivo Saric' }, asOf: '2026-03-14T18:00:00.000Z' });
      }
    }
    await apply(new CasualtyTalliesProjection(), story.events);

    const tallies: CasualtyTally[] = JSON.parse((await stored(story.storyId)).tallies);
    const expected = ['Alpha company', 'zeta brigade', 'Émigrés', 'ｆighters', '😀 fighters'].flatMap((party) => [`${party}/killed`, `${party}/displaced`]);
    expect(tallies.map(({ party, category }) => `${party}/${category}`)).toEqual(expected);
    // This server's default collation may be C already: the column's own is what holds elsewhere.
    const [{ collation }] = await dataSource.query(
      `SELECT c.collname AS collation FROM pg_attribute a JOIN pg_collation c ON c.oid = a.attcollation
        WHERE a.attrelid = 'casualty_tally_groups'::regclass AND a.attname = 'party_key'`,
    );
    expect(collation).toBe('C');
  });

  it('writes the history entries of the reports a batch changed, and no other: recorded, moved by a correction, retracted', async () => {
    const story = new StoredStoryEvents(randomUUID());
    storyIds.push(story.storyId);
    const report = (party: string, category: string, minute: number) =>
      story.push('CasualtiesReported', {
        party, category, figure: { min: minute, max: minute + 2 }, status: 'reported', source: { name: 'Ivo Saric', organization: 'Civil Defence' },
        // Out of order on purpose: a history lists its reports by asOf, not as they arrived.
        asOf: `2026-03-14T18:${String(60 - minute).padStart(2, '0')}:00.000Z`,
      });
    story.push('StoryOpened', { storyId: story.storyId, slug: `entries-${story.storyId.slice(0, 8)}`, headline: 'Ferry capsized', bylines: ['Lena Morav'] });
    const first = report('Passengers', 'missing', 1);
    const second = report('passengers', 'missing', 2);
    const third = report('Crew', 'missing', 3);
    const projection = new CasualtyTalliesProjection();
    let applied = 0;
    /** Applies the events pushed since the last call; answers the event ids whose entry row the batch wrote. */
    const applyNext = async (by = projection): Promise<string[]> => {
      const before = await entryRows(story.storyId);
      await apply(by, story.events.slice(applied));
      applied = story.events.length;
      const after = await entryRows(story.storyId);
      return [...after].filter(([eventId, xmin]) => before.get(eventId) !== xmin).map(([eventId]) => eventId);
    };
    const sorted = (ids: string[]) => [...ids].sort();
    expect(await applyNext()).toEqual(sorted([first, second, third]));

    const fourth = report('Passengers', 'missing', 4);
    expect(await applyNext()).toEqual([fourth]);

    story.push('CorrectionIssued', {
      targetEventId: second, targetType: 'CasualtiesReported', changes: { party: 'Crew', category: 'killed' }, before: { party: 'passengers', category: 'missing' }, reason: 'Misfiled.',
    });
    expect(await applyNext()).toEqual([second]);
    story.push('DevelopmentRetracted', { targetEventId: third, targetType: 'CasualtiesReported', reason: 'The source withdrew it.' });
    expect(await applyNext()).toEqual([third]);
    // A fresh instance keeps no copy: it recomputes every group of the story from the rows, and still writes only the new report's entry.
    const fifth = report('Crew', 'killed', 5);
    expect(await applyNext(new CasualtyTalliesProjection())).toEqual([fifth]);

    // Byte for byte what computeTallies gives from the report rows, and what a fold from scratch stores.
    const kept = await stored(story.storyId);
    const rows: { event_id: string; position: string; recorded_at: Date; data: CasualtiesReportedData; corrected: boolean; retracted: boolean }[] = await dataSource.query(
      `SELECT event_id, position, recorded_at, data, corrected, retracted FROM casualty_reports WHERE story_id = $1`,
      [story.storyId],
    );
    const reports: TallyReport[] = rows.map(({ event_id, position, recorded_at, data, corrected, retracted }) => ({
      ...data, eventId: event_id, position: Number(position), recordedAt: recorded_at.toISOString(), corrected, retracted,
    }));
    expect(kept.tallies).toBe(JSON.stringify(computeTallies(reports)));
    const tallies: CasualtyTally[] = JSON.parse(kept.tallies);
    expect(tallies.map(({ party, category, history }) => [party, category, history.map((entry) => [entry.eventId, entry.retracted])])).toEqual([
      ['Crew', 'killed', [[fifth, false], [second, false]]],
      ['Crew', 'missing', [[third, true]]],
      ['Passengers', 'missing', [[fourth, false], [first, false]]],
    ]);
    await emptyTablesOf(story.storyId);
    await apply(new CasualtyTalliesProjection(), story.events);
    expect(await stored(story.storyId)).toEqual(kept);
  });

  /** The story's history rows as event id → the row version's transaction id, by event id. */
  async function entryRows(storyId: string): Promise<Map<string, string>> {
    const rows: { event_id: string; xmin: string }[] = await dataSource.query(
      `SELECT event_id::text, xmin::text AS xmin FROM casualty_tally_history WHERE story_id = $1 ORDER BY event_id`,
      [storyId],
    );
    return new Map(rows.map(({ event_id, xmin }) => [event_id, xmin]));
  }

  /** The story's stored groups as "party key/category order" → the row version's transaction id, in read order. */
  async function groupRows(storyId: string): Promise<Map<string, string>> {
    const rows: { group: string; xmin: string }[] = await dataSource.query(
      `SELECT party_key || '/' || category_order AS group, xmin::text AS xmin FROM casualty_tally_groups WHERE story_id = $1 ORDER BY party_key, category_order`,
      [storyId],
    );
    return new Map(rows.map(({ group, xmin }) => [group, xmin]));
  }
});
