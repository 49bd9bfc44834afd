import { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { EventStore } from '../../src/event-store/event-store';
import { ProjectionBatchApplier } from '../../src/projections/projection-batch-applier';
import { ProjectionCheckpoints } from '../../src/projections/projection-checkpoints';
import { ProjectionRegistry } from '../../src/projections/projection-registry';
import { ProjectionRebuilder } from '../../src/projections/rebuild/projection-rebuilder';
import { CasualtyTalliesProjection } from '../../src/stories/projections/casualty-tallies/casualty-tallies.projection';
import { CorrectionsProjection } from '../../src/stories/projections/corrections/corrections.projection';
import { StatementsProjection } from '../../src/stories/projections/statements/statements.projection';
import { StoriesListProjection } from '../../src/stories/projections/stories-list/stories-list.projection';
import { testAppConfig } from '../support/test-database';
import { storyIntent, writeStories } from './support/random-story-events';

const PROJECTIONS = [StoriesListProjection.NAME, CasualtyTalliesProjection.NAME, StatementsProjection.NAME, CorrectionsProjection.NAME];

/**
 * For random histories of a few stories, the story projections' tables built incrementally in
 * batches of 1 to 7 events equal the tables a full rebuild (every event from position 0, in large
 * batches) builds. The runner is off here: the test itself applies the batches, so it chooses their size.
 */
describe('story projections: incremental batches equal a full rebuild', () => {
  let app: INestApplication;
  let store: EventStore;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await createApp(testAppConfig({ NEWSDESK_PROJECTIONS: 'off', NEWSDESK_PROJECTION_BATCH_SIZE: '1000' }), { logger: false });
    await app.init();
    store = app.get(EventStore);
    dataSource = app.get(DataSource);
    await app.get(ProjectionCheckpoints).ensure(PROJECTIONS);
    // Whatever earlier suites appended, in big batches: the property is about what follows.
    for (const name of PROJECTIONS) await applyIncrementally(name, [1000]);
  });
  afterAll(() => app?.close());

  /** Applies every event after the checkpoint, in batches whose sizes cycle through `sizes`. */
  async function applyIncrementally(name: string, sizes: readonly number[]): Promise<void> {
    const projection = app.get(ProjectionRegistry).get(name);
    const applier = app.get(ProjectionBatchApplier);
    let after = await app.get(ProjectionCheckpoints).position(name);
    for (let batch = 0; ; batch++) {
      const events = await store.readAll({ after, limit: sizes[batch % sizes.length] });
      if (events.length === 0) return;
      after = await applier.applyBatch(projection, after, events);
    }
  }

  /** Every row of the projection's tables, in a stable order, and its checkpoint. */
  async function snapshot(name: string): Promise<{ position: number; tables: Record<string, unknown[]> }> {
    const tables: Record<string, unknown[]> = {};
    for (const table of app.get(ProjectionRegistry).get(name).tables) {
      const rows: { row: unknown }[] = await dataSource.query(`SELECT to_jsonb(t) AS row FROM ${table} t ORDER BY to_jsonb(t)::text`);
      tables[table] = rows.map(({ row }) => row);
    }
    return { position: await app.get(ProjectionCheckpoints).position(name), tables };
  }

  it('holds for random interleavings of reports, statements, corrections, retractions, revisions and publications', async () => {
    const scenario = fc.record({
      storyCount: fc.integer({ min: 1, max: 3 }),
      intents: fc.array(storyIntent, { minLength: 5, maxLength: 40 }),
      batchSizes: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 8 }),
    });

    await fc.assert(
      fc.asyncProperty(scenario, async ({ storyCount, intents, batchSizes }) => {
        const stories = await writeStories(store, storyCount, intents);
        const head = await store.headPosition();
        for (const name of PROJECTIONS) {
          await applyIncrementally(name, batchSizes);
          const incremental = await snapshot(name);
          expect(incremental.position).toBe(head);

          await app.get(ProjectionRebuilder).rebuild(name);

          expect(await snapshot(name)).toEqual(incremental);
        }
        const listed = await dataSource.query(`SELECT story_id FROM stories_list WHERE story_id = ANY($1::uuid[])`, [stories.map((story) => story.storyId)]);
        expect(listed).toHaveLength(storyCount);
      }),
      { numRuns: 8 },
    );
  });
});
