import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store';
import type { NewEvent } from '../../src/event-store/event-store.types';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { ProjectionRebuilder } from '../../src/projections/rebuild/projection-rebuilder';
import { foldDocument, StoryDiff, TextRun } from '../../src/stories/document';
import { STORY_VERSIONS_PROJECTION } from '../../src/stories/projections/versions/story-versions.projection';
import { storyStreamId } from '../../src/stories/story.events';
import { testMetadata } from '../support/event-factory';
import { describeOnRealServer } from '../support/test-database';
import { startVersionsTestApp, VersionsTestApp } from './support/versions-test-app';

// The one place this suite gets its HTTP client and keys: switch to createTestApp() when src/auth lands.
const startApp = (env: Record<string, string> = {}): Promise<VersionsTestApp> => startVersionsTestApp(env);

const VERSIONS = 2_000;
const PARAGRAPHS = ['Artillery fire hit the outpost after nightfall, the governor said.', 'Residents of nearby villages reported hearing explosions for an hour.', 'Rescue teams reached the post before midnight.'];

/**
 * A story rewritten through a long night: every 40th event a higher toll, every 25th a statement,
 * every 100th a publication, and otherwise a revision of the body's last paragraph.
 */
function longStory(storyId: string): NewEvent<object>[] {
  const event = (type: string, data: object): NewEvent<object> => ({ eventId: randomUUID(), type, data, metadata: testMetadata() });
  const events = [event('StoryOpened', { storyId, slug: `long-night-${storyId.slice(0, 8)}`, headline: 'Outpost shelled through the night', body: PARAGRAPHS.join('\n\n'), bylines: ['Leyla Aksoy'] })];
  for (let version = 2; version <= VERSIONS; version++) {
    if (version % 100 === 0) events.push(event('StoryPublished', { publishedVersion: version }));
    else if (version % 40 === 1) {
      events.push(
        event('CasualtiesReported', {
          party: 'soldiers at the outpost', category: 'killed', figure: { min: Math.floor(version / 40), max: Math.floor(version / 40) }, status: 'confirmed',
          source: { name: 'Kemal Ertan', role: 'governor' }, asOf: new Date(Date.UTC(2025, 10, 12, 18) + version * 60_000).toISOString(),
        }),
      );
    } else if (version % 25 === 2) {
      events.push(event('StatementRecorded', { speaker: { name: 'Aras Demirel', role: 'defence minister' }, text: `Statement number ${version} on the strike.`, mode: 'quote' }));
    } else {
      events.push(event('StoryRevised', { headline: `Outpost shelled through the night (update ${version})`, body: [...PARAGRAPHS.slice(0, 2), `Update ${version}: rescue teams are still at the post.`].join('\n\n') }));
    }
  }
  return events;
}

const sideOf = (runs: TextRun[], skipped: 'insert' | 'delete') => runs.filter((run) => run.op !== skipped).map((run) => run.text).join('');

async function until(what: string, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 50_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe(`a story of ${VERSIONS} versions`, () => {
  let writer: VersionsTestApp;
  let store: EventStore;
  const storyId = randomUUID();
  let lastPosition = 0;

  beforeAll(async () => {
    writer = await startApp();
    store = writer.app.get(EventStore);
    const events = longStory(storyId);
    for (let start = 0; start < events.length; start += 100) {
      const result = await store.appendToStream(storyStreamId(storyId), events.slice(start, start + 100), { expectedVersion: start === 0 ? 'no_stream' : start });
      lastPosition = result.positions[result.positions.length - 1];
    }
    const runner = writer.app.get(ProjectionRunner);
    await until('story_versions reaches the last event', async () => (await runner.currentPosition(STORY_VERSIONS_PROJECTION)) >= lastPosition);
  });
  afterAll(() => writer.close());

  const get = (service: VersionsTestApp, path: string) => service.http.get(path).set(service.headers('consumer'));

  it('keeps at every version the document the pure fold of the events up to it gives', async () => {
    const stored = await store.readStream(storyStreamId(storyId));
    for (const version of [1, 2, 41, 777, 1_999, VERSIONS]) {
      const response = await get(writer, `/stories/${storyId}/versions/${version}`).expect(200);
      expect(response.body).toEqual(JSON.parse(JSON.stringify(foldDocument(stored.slice(0, version))!.document)));
    }
  });

  it('pages the version list and the publications', async () => {
    const tail = await get(writer, `/stories/${storyId}/versions?after=1995`).expect(200);
    expect(tail.body.items.map((item: { version: number }) => item.version)).toEqual([1_996, 1_997, 1_998, 1_999, 2_000]);
    const published = await get(writer, `/stories/${storyId}/versions?published=true&limit=1000`).expect(200);
    expect(published.body.items).toHaveLength(VERSIONS / 100);
  });

  it('rebuilds into the same rows as the ones built event by event', async () => {
    const database = writer.app.get(DataSource);
    const snapshot = async () => ({
      versions: await database.query(
        `SELECT version, event_id, type, actor, summary, published, position, md5(data::text) AS data FROM story_versions WHERE story_id = $1 ORDER BY version`,
        [storyId],
      ),
      snapshots: await database.query(
        `SELECT version, md5(document::text) AS document, md5(reports::text) AS reports FROM story_version_snapshots WHERE story_id = $1 ORDER BY version`,
        [storyId],
      ),
    });
    const incremental = await snapshot();
    expect(incremental.versions).toHaveLength(VERSIONS);
    expect(incremental.snapshots.map((row: { version: number }) => row.version)).toEqual(Array.from({ length: Math.floor(VERSIONS / 64) }, (_, index) => (index + 1) * 64));
    await writer.app.get(ProjectionRebuilder).rebuild(STORY_VERSIONS_PROJECTION);
    expect(await snapshot()).toEqual(incremental);
  });

  it('stores the story in far less than a document per version', async () => {
    // Raw JSON and on-disk (after TOAST compression) bytes of this story's rows in each table.
    const tables = await writer.app.get(DataSource).query(
      `SELECT 'story_versions' AS "table", count(*)::int AS rows, sum(octet_length(data::text))::int AS json, sum(pg_column_size(t.*))::int AS stored
         FROM story_versions t WHERE story_id = $1
       UNION ALL
       SELECT 'story_version_snapshots', count(*)::int, sum(octet_length(document::text) + octet_length(reports::text))::int, sum(pg_column_size(t.*))::int
         FROM story_version_snapshots t WHERE story_id = $1`,
      [storyId],
    );
    const total = tables.reduce((sum: number, table: { stored: number }) => sum + table.stored, 0);
    process.stdout.write(`storage of the ${VERSIONS}-version story: ${JSON.stringify(tables)}; ${total} bytes stored in all\n`);
    // A document per version was 38 MB of JSON, 8.6 MB stored (migration 1764202500000).
    expect(total).toBeLessThan(2_000_000);
  });

  describeOnRealServer('read by an instance that applies no projection', () => {
    let reader: VersionsTestApp;

    beforeAll(async () => {
      reader = await startApp({ NEWSDESK_PROJECTIONS: 'off' });
    });
    afterAll(() => reader.close());

    it('diffs any two versions from a few reads of the projection tables, touching no event', async () => {
      const query = jest.spyOn(reader.app.get(DataSource), 'query');
      // This instance's store only: the writer's runner, in the same process, reads the store as it polls.
      const store = reader.app.get(EventStore);
      const readers = [jest.spyOn(store, 'readStream'), jest.spyOn(store, 'readAll'), jest.spyOn(store, 'streamVersion')];
      try {
        const first = await get(reader, `/stories/${storyId}/diff?from=1&to=${VERSIONS}&minPosition=${lastPosition}`).expect(200);
        const published = await get(reader, `/stories/${storyId}/diff?from=previous-published&to=latest-published`).expect(200);

        const diff: StoryDiff = first.body;
        expect(sideOf(diff.text.headline, 'insert')).toBe('Outpost shelled through the night');
        expect(sideOf(diff.text.headline, 'delete')).toBe(`Outpost shelled through the night (update ${VERSIONS - 1})`);
        expect(diff.statements.added).toHaveLength(80);
        expect(diff.tallies[0].after?.current?.figure).toEqual({ min: 49, max: 49 });
        expect([published.body.from, published.body.to]).toEqual([VERSIONS - 100, VERSIONS]);

        for (const spy of readers) expect(spy).not.toHaveBeenCalled();
        const sql = query.mock.calls.map(([text]) => text);
        expect(sql.filter((text) => /\bevents\b/.test(text))).toEqual([]);
        const projectionReads = sql.filter((text) => /story_versions|story_version_snapshots/.test(text));
        // Per diff: the story's version marks, then both ends (nearest snapshot and the rows after it) in one query.
        expect(projectionReads).toHaveLength(4);
      } finally {
        query.mockRestore();
        readers.forEach((spy) => spy.mockRestore());
      }
    });
  });
});
