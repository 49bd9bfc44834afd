import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store';
import type { NewEvent, StoredEvent } from '../../src/event-store/event-store.types';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { diffDocuments, foldDocument } from '../../src/stories/document';
import { STORY_VERSIONS_PROJECTION } from '../../src/stories/projections/versions/story-versions.projection';
import { StoryVersionsReader } from '../../src/stories/projections/versions/story-versions.reader';
import { SNAPSHOT_EVERY } from '../../src/stories/projections/versions/story-versions.tables';
import { storyStreamId } from '../../src/stories/story.events';
import { testMetadata } from '../support/event-factory';
import { startVersionsTestApp, VersionsTestApp } from './support/versions-test-app';

const VERSIONS = 3 * SNAPSHOT_EVERY + 10;

/**
 * A story spanning three snapshots whose state a snapshot must carry whole: reports later
 * corrected (moving a report to another category) or retracted, statements corrected and
 * retracted, notices, publications and revisions, each kind landing on and around the boundaries.
 */
function storyAcrossSnapshots(storyId: string): NewEvent<object>[] {
  const event = (type: string, data: object): NewEvent<object> => ({ eventId: randomUUID(), type, data, metadata: testMetadata() });
  const events = [event('StoryOpened', { storyId, slug: `snapshots-${storyId.slice(0, 8)}`, headline: 'Crossing shelled', dek: 'Officials count the dead.', body: 'Shells hit the crossing.', bylines: ['Lena Morav'] })];
  const reports: string[] = [];
  const statements: string[] = [];
  for (let version = 2; version <= VERSIONS; version++) {
    const slot = version % 7;
    if (version % 32 === 0) events.push(event('StoryPublished', { publishedVersion: version }));
    else if (slot === 0 || slot === 3) {
      const report = event('CasualtiesReported', {
        party: version % 2 ? 'soldiers at the crossing' : 'civilians in Ostrel', category: 'killed', figure: { min: version, max: version + 2 }, status: 'confirmed',
        source: { name: 'Mara Velic', role: 'governor' }, asOf: new Date(Date.UTC(2026, 2, 14) + version * 60_000).toISOString(),
      });
      reports.push(report.eventId);
      events.push(report);
    } else if (slot === 1) {
      const statement = event('StatementRecorded', { speaker: { name: 'Ivo Saric', role: 'minister' }, text: `Statement ${version}.`, mode: 'quote', via: 'Northline Press' });
      statements.push(statement.eventId);
      events.push(statement);
    } else if (slot === 4 && reports.length > 0) {
      const moves = version % 3 === 0;
      events.push(
        event('CorrectionIssued', {
          targetEventId: reports[reports.length - 1], targetType: 'CasualtiesReported', changes: moves ? { category: 'wounded' } : { figure: { min: version } },
          before: moves ? { category: 'killed' } : { figure: { min: version - 1, max: version + 1 } }, reason: 'corrected', notice: `Correction at ${version}.`,
        }),
      );
    } else if (slot === 5 && statements.length > 1 && version % 2 === 0) {
      events.push(event('CorrectionIssued', { targetEventId: statements[0], targetType: 'StatementRecorded', changes: { text: `Reworded at ${version}.`, via: null }, before: { text: 'x' }, reason: 'reworded' }));
    } else if (slot === 6 && reports.length > 2 && version % 4 === 2) {
      events.push(event('DevelopmentRetracted', { targetEventId: reports[reports.length - 3], targetType: 'CasualtiesReported', reason: 'wrong post', notice: `Retracted at ${version}.` }));
    } else {
      events.push(event('StoryRevised', { headline: `Crossing shelled (update ${version})`, ...(version % 5 === 0 ? { dek: '' } : { body: `Shells hit the crossing. Update ${version}.` }) }));
    }
  }
  return events;
}

describe(`reading a story of ${VERSIONS} versions from snapshots every ${SNAPSHOT_EVERY}`, () => {
  let service: VersionsTestApp;
  let stored: StoredEvent[];
  const storyId = randomUUID();
  const json = <T>(value: T): T => JSON.parse(JSON.stringify(value));
  const documentAt = (version: number) => json(foldDocument(stored.slice(0, version))!.document);
  const get = (path: string) => service.http.get(path).set(service.headers('consumer'));

  beforeAll(async () => {
    service = await startVersionsTestApp();
    const store = service.app.get(EventStore);
    const events = storyAcrossSnapshots(storyId);
    // Uneven appends, so the projection's batches end on, before and after snapshot versions.
    let lastPosition = 0;
    for (let start = 0, size = 1; start < events.length; start += size, size = (size % 37) + 13) {
      const result = await store.appendToStream(storyStreamId(storyId), events.slice(start, start + size), { expectedVersion: start === 0 ? 'no_stream' : start });
      lastPosition = result.positions[result.positions.length - 1];
    }
    stored = await store.readStream(storyStreamId(storyId));
    const runner = service.app.get(ProjectionRunner);
    const deadline = Date.now() + 50_000;
    while ((await runner.currentPosition(STORY_VERSIONS_PROJECTION)) < lastPosition) {
      if (Date.now() > deadline) throw new Error('story_versions did not reach the last event');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  afterAll(() => service.close());

  it('reads every version as the pure fold of the events up to it', async () => {
    const versions = Array.from({ length: VERSIONS }, (_, index) => index + 1);
    const documents = await service.app.get(StoryVersionsReader).documentsAt(storyId, versions);
    expect([...documents.keys()].sort((a, b) => a - b)).toEqual(versions);
    for (const version of versions) expect(documents.get(version)).toEqual(documentAt(version));
  });

  it('serves the versions that land exactly on a snapshot, and those either side of it', async () => {
    for (const version of [SNAPSHOT_EVERY - 1, SNAPSHOT_EVERY, SNAPSHOT_EVERY + 1, 2 * SNAPSHOT_EVERY, 3 * SNAPSHOT_EVERY, VERSIONS]) {
      const response = await get(`/stories/${storyId}/versions/${version}`).expect(200);
      expect(response.body).toEqual(documentAt(version));
    }
    const past = await get(`/stories/${storyId}/versions/${VERSIONS + 1}`).expect(404);
    expect(past.body).toMatchObject({ code: 'version_not_found', latestVersion: VERSIONS });
  });

  it.each([
    [SNAPSHOT_EVERY - 3, SNAPSHOT_EVERY + 3],
    [SNAPSHOT_EVERY, 2 * SNAPSHOT_EVERY],
    [1, 3 * SNAPSHOT_EVERY + 1],
    [2 * SNAPSHOT_EVERY - 1, 2 * SNAPSHOT_EVERY],
    [SNAPSHOT_EVERY + 5, SNAPSHOT_EVERY + 9],
  ])('diffs %i to %i, across or inside a snapshot interval, as the two folded documents', async (from, to) => {
    const response = await get(`/stories/${storyId}/diff?from=${from}&to=${to}`).expect(200);
    expect(response.body).toEqual(json(diffDocuments(documentAt(from), documentAt(to))));
  });

  it('ignores the tallies a snapshot written before they were left out still holds', async () => {
    const dataSource = service.app.get(DataSource);
    const version = 2 * SNAPSHOT_EVERY;
    const storeDocument = (text: string) =>
      dataSource.query(`UPDATE story_version_snapshots SET document = $3::json WHERE story_id = $1 AND version = $2`, [storyId, version, text]);
    const [{ document }] = await dataSource.query(`SELECT document::text FROM story_version_snapshots WHERE story_id = $1 AND version = $2`, [storyId, version]);
    expect(JSON.parse(document).tallies).toEqual([]);
    // As such a snapshot was stored, but with tallies no fold would give: a reader that used them would serve them.
    const stale = [{ party: 'nobody', category: 'killed', figure: { min: 999 } }];
    await storeDocument(JSON.stringify({ ...JSON.parse(document), tallies: stale }));
    try {
      for (const at of [version, version + 1]) expect((await get(`/stories/${storyId}/versions/${at}`).expect(200)).body).toEqual(documentAt(at));
    } finally {
      await storeDocument(document);
    }
  });
});
