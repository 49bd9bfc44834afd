import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { EventStore } from '../../src/event-store/event-store';
import type { StoredEvent } from '../../src/event-store/event-store.types';
import { ProjectionBatchApplier } from '../../src/projections/projection-batch-applier';
import { ProjectionCheckpoints } from '../../src/projections/projection-checkpoints';
import { ProjectionRegistry } from '../../src/projections/projection-registry';
import { CasualtyTalliesProjection } from '../../src/stories/projections/casualty-tallies/casualty-tallies.projection';
import { storedTallies } from '../../src/stories/projections/casualty-tallies/read-casualty-tallies.handler';
import { CorrectionsProjection } from '../../src/stories/projections/corrections/corrections.projection';
import { StatementsProjection } from '../../src/stories/projections/statements/statements.projection';
import { StoriesListProjection } from '../../src/stories/projections/stories-list/stories-list.projection';
import type { ReportCasualties } from '../../src/stories/story.commands';
import { STORY_EVENT_SCHEMA_VERSIONS, storyStreamId } from '../../src/stories/story.events';
import type { CasualtyTally } from '../../src/stories/tallies/compute-tallies';
import { testMetadata } from '../support/event-factory';
import { testAppConfig } from '../support/test-database';
import { StoryWriter } from './support/story-writer';

const PROJECTIONS = [StoriesListProjection.NAME, CasualtyTalliesProjection.NAME, StatementsProjection.NAME, CorrectionsProjection.NAME];

const governor = { name: 'Selin Arslan', role: 'governor' };
const ministry = { name: 'Colonel Deniz Aydin', organization: 'Ministry of Defence' };

function killed(overrides: Partial<ReportCasualties> = {}): ReportCasualties {
  return { party: 'villagers', category: 'killed', figure: { min: 4, max: 4 }, status: 'confirmed', source: governor, asOf: '2025-11-06T19:00:00.000Z', ...overrides };
}

/**
 * What applying events one at a time got for free and a batch folded in memory must keep: a
 * correction sees its target recorded earlier in the same batch and the corrections before it, a
 * story opened in the batch counts as opened for its later events, and a correction whose target
 * is missing makes the whole batch throw (the runner then single-steps to find the event). The
 * runner is off: the test applies each batch itself, so it decides what one batch holds.
 */
describe('story projections: what one batch of events means', () => {
  let app: INestApplication;
  let store: EventStore;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await createApp(testAppConfig({ NEWSDESK_PROJECTIONS: 'off' }), { logger: false });
    await app.init();
    store = app.get(EventStore);
    dataSource = app.get(DataSource);
    await app.get(ProjectionCheckpoints).ensure(PROJECTIONS);
    for (const name of PROJECTIONS) await applyAsOneBatch(name);
  });
  afterAll(() => app?.close());

  /** Applies everything after the projection's checkpoint (or `events`, when given) as one batch. */
  async function applyAsOneBatch(name: string, events?: StoredEvent[]): Promise<void> {
    const after = await app.get(ProjectionCheckpoints).position(name);
    const batch = events ?? (await store.readAll({ after, limit: 100_000 }));
    if (batch.length > 0) await app.get(ProjectionBatchApplier).applyBatch(app.get(ProjectionRegistry).get(name), after, batch);
  }

  async function applyEveryProjection(): Promise<void> {
    for (const name of PROJECTIONS) await applyAsOneBatch(name);
  }

  async function rows<Row>(sql: string, params: unknown[]): Promise<Row[]> {
    return dataSource.query(sql, params);
  }

  it('applies a story opened, reported on, corrected, retracted, revised and published within one batch', async () => {
    const story = new StoryWriter(store);
    await story.open({ headline: 'Shelling at the border' });
    const report = await story.report(killed());
    const statement = await story.recordStatement({ speaker: ministry, text: 'Four soldiers died.', mode: 'quote' });
    await story.correct({ targetEventId: report.eventId, changes: { figure: { min: 5, max: 5 } }, reason: 'Five, not four.' });
    await story.correct({ targetEventId: statement.eventId, changes: { speaker: governor, text: 'Five villagers died.' }, reason: 'Misattributed.' });
    const later = await story.report(killed({ source: ministry, figure: { min: 6, max: 6 }, asOf: '2025-11-06T20:00:00.000Z' }));
    const retraction = await story.retract({ targetEventId: report.eventId, reason: 'The governor withdrew it.' });
    await story.revise({ headline: 'Six killed at the border' });
    const publication = await story.publish();

    await applyEveryProjection();

    const reports = await rows<{ event_id: string; data: { figure: object }; corrected: boolean; retracted: boolean }>(
      `SELECT event_id, data, corrected, retracted FROM casualty_reports WHERE story_id = $1 ORDER BY position`,
      [story.storyId],
    );
    expect(reports.map(({ event_id, data, corrected, retracted }) => [event_id, data.figure, corrected, retracted])).toEqual([
      [report.eventId, { min: 5, max: 5 }, true, true],
      [later.eventId, { min: 6, max: 6 }, false, false],
    ]);
    const tallies: CasualtyTally[] = JSON.parse((await storedTallies(rows, story.storyId))!);
    expect(tallies).toHaveLength(1);
    expect(tallies[0]).toMatchObject({ current: { eventId: later.eventId }, range: { min: 6, max: 6 }, disputed: false });
    expect(tallies[0].history.map(({ eventId, figure, corrected, retracted }) => [eventId, figure, corrected, retracted])).toEqual([
      [report.eventId, { min: 5, max: 5 }, true, true],
      [later.eventId, { min: 6, max: 6 }, false, false],
    ]);

    const [quote] = await rows<{ data: { text: string }; speaker_key: string; organization_key: string | null; corrected: boolean }>(
      `SELECT data, speaker_key, organization_key, corrected FROM statements WHERE event_id = $1`,
      [statement.eventId],
    );
    expect(quote).toMatchObject({ data: { text: 'Five villagers died.' }, speaker_key: 'selin arslan', organization_key: null, corrected: true });

    const log = await rows<{ kind: string; target_event_id: string; before: object; after: object | null }>(
      `SELECT kind, target_event_id, before, after FROM corrections_log WHERE story_id = $1 ORDER BY position`,
      [story.storyId],
    );
    expect(log.map(({ kind, target_event_id }) => [kind, target_event_id])).toEqual([
      ['correction', report.eventId],
      ['correction', statement.eventId],
      ['retraction', report.eventId],
    ]);
    // The retraction withdrew the report as the correction earlier in the batch left it.
    expect(log[2]).toMatchObject({ before: { figure: { min: 5, max: 5 }, source: governor }, after: null });

    const [listed] = await rows<object>(
      `SELECT headline, status, version, published_version, last_position FROM stories_list WHERE story_id = $1`,
      [story.storyId],
    );
    expect(listed).toEqual({
      headline: 'Six killed at the border',
      status: 'published',
      version: publication.version,
      published_version: publication.version,
      last_position: String(publication.position),
    });
    expect(retraction.position).toBeLessThan(publication.position);
  });

  it('applies a correction of a correction, and a retraction after both, to a report stored by an earlier batch', async () => {
    const story = new StoryWriter(store);
    await story.open();
    const report = await story.report(killed({ figure: { min: 3, max: 3 } }));
    await applyEveryProjection();

    await story.correct({ targetEventId: report.eventId, changes: { figure: { min: 5, max: 5 } }, reason: 'Five.' });
    await story.correct({ targetEventId: report.eventId, changes: { figure: { min: 7, max: 7 }, party: 'border guards' }, reason: 'Seven, and guards.' });
    await story.retract({ targetEventId: report.eventId, reason: 'Withdrawn.' });
    await applyEveryProjection();

    const [stored] = await rows<{ data: { figure: object; party: string }; corrected: boolean; retracted: boolean }>(
      `SELECT data, corrected, retracted FROM casualty_reports WHERE event_id = $1`,
      [report.eventId],
    );
    expect(stored).toMatchObject({ data: { figure: { min: 7, max: 7 }, party: 'border guards' }, corrected: true, retracted: true });
    const tallies: CasualtyTally[] = JSON.parse((await storedTallies(rows, story.storyId))!);
    expect(tallies.map(({ party, current }) => [party, current])).toEqual([['border guards', null]]);

    const log = await rows<{ kind: string; before: object; after: object | null }>(
      `SELECT kind, before, after FROM corrections_log WHERE story_id = $1 ORDER BY position`,
      [story.storyId],
    );
    expect(log).toEqual([
      { kind: 'correction', before: { figure: { min: 3, max: 3 } }, after: { figure: { min: 5, max: 5 } } },
      { kind: 'correction', before: { figure: { min: 5, max: 5 }, party: 'villagers' }, after: { figure: { min: 7, max: 7 }, party: 'border guards' } },
      { kind: 'retraction', before: expect.objectContaining({ figure: { min: 7, max: 7 }, party: 'border guards' }), after: null },
    ]);
    const [{ data }] = await rows<{ data: object }>(`SELECT data FROM correction_targets WHERE event_id = $1`, [report.eventId]);
    expect(data).toMatchObject({ figure: { min: 7, max: 7 }, party: 'border guards' });
  });

  describe('a correction or retraction whose target its story does not have', () => {
    /** An event as the store would hand it over, never appended: the write side refuses such a correction. */
    function unstored(storyId: string, position: number, type: string, data: Record<string, unknown>): StoredEvent {
      return { position, streamId: storyStreamId(storyId), version: 99, eventId: randomUUID(), type, schemaVersion: STORY_EVENT_SCHEMA_VERSIONS.CorrectionIssued, data, metadata: testMetadata(), recordedAt: new Date() };
    }

    it.each([
      [CasualtyTalliesProjection.NAME, 'CasualtiesReported'],
      [StatementsProjection.NAME, 'StatementRecorded'],
      [CorrectionsProjection.NAME, 'CasualtiesReported'],
    ])('makes the whole %s batch throw at that event, writing nothing; applied one by one, the events before it go in', async (name, targetType) => {
      const elsewhere = new StoryWriter(store);
      await elsewhere.open();
      const otherStorysReport = await elsewhere.report(killed());
      await applyAsOneBatch(name);
      const after = await app.get(ProjectionCheckpoints).position(name);
      const story = new StoryWriter(store);
      await story.open();
      await story.report(killed());
      await story.recordStatement({ speaker: governor, text: 'Rescue teams are on site.', mode: 'quote' });
      const real = await store.readAll({ after, limit: 100 });
      const head = real[real.length - 1].position;
      const correction = { changes: { text: 'x' }, before: { text: 'y' }, reason: 'Bad target.' };
      const missing = unstored(story.storyId, head + 1, 'CorrectionIssued', { ...correction, targetType, targetEventId: randomUUID() });
      const foreign = unstored(story.storyId, head + 2, 'DevelopmentRetracted', { targetType, targetEventId: otherStorysReport.eventId, reason: 'Not ours.' });

      for (const bad of [missing, foreign]) {
        const batch = [...real, bad, unstored(story.storyId, head + 3, 'StoryRevised', { headline: 'After' })];
        await expect(applyAsOneBatch(name, batch)).rejects.toThrow(`Event ${bad.eventId} targets`);
        expect(await app.get(ProjectionCheckpoints).position(name)).toBe(after);
      }
      for (const table of app.get(ProjectionRegistry).get(name).tables) {
        expect(await rows(`SELECT 1 FROM ${table} WHERE story_id = $1`, [story.storyId])).toEqual([]);
      }

      for (const event of real) await applyAsOneBatch(name, [event]);
      await expect(applyAsOneBatch(name, [missing])).rejects.toThrow(`which story ${story.storyId} does not have`);
      expect(await app.get(ProjectionCheckpoints).position(name)).toBe(head);
    });
  });
});
