import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Bulk-writes story streams with `INSERT … SELECT generate_series`, as the write side would have
 * written them (same types, payload shapes, metadata and schema versions; ids are md5-derived but
 * shaped as version-4 UUIDs like the service's), far faster than the append function: scenario 5 needs a million events in a minute, not an hour.
 *
 * Each stream: version 1 `StoryOpened`, then a repeating ten-version pattern of casualty reports
 * (5), a statement, a correction of the report just before it (with the right `before`), a
 * revision, and a publication, or every fifth time a retraction of an earlier report. Groups of
 * 100 stories develop side by side, so positions interleave stories the way a desk's would, and
 * inside a stream positions follow versions.
 */
export async function seedStoryStreams(
  client: Client,
  options: { stories: number; eventsPerStory: number; chunkStories?: number; onProgress?: (events: number) => void },
): Promise<string[]> {
  const seed = randomBytes(6).toString('hex');
  const chunk = Math.max(1, options.chunkStories ?? Math.ceil(200_000 / options.eventsPerStory));
  for (let first = 1; first <= options.stories; first += chunk) {
    const last = Math.min(options.stories, first + chunk - 1);
    await client.query(SEED_SQL, [seed, first, last, options.eventsPerStory]);
    await client.query(
      `INSERT INTO story_slugs (slug, story_id)
       SELECT 'seeded-' || $1 || '-' || s, overlay(overlay(md5($1 || '/story/' || s) placing '4' from 13) placing '8' from 17)::uuid FROM generate_series($2::int, $3::int) AS s`,
      [seed, first, last],
    );
    options.onProgress?.((last - first + 1) * options.eventsPerStory);
  }
  const { rows } = await client.query<{ id: string }>(
    `SELECT overlay(overlay(md5($1 || '/story/' || s) placing '4' from 13) placing '8' from 17)::uuid::text AS id FROM generate_series(1, $2::int) AS s`,
    [seed, options.stories],
  );
  return rows.map((row) => row.id);
}

/** One story per entry of `eventsPerStory`, each of that many events (as {@link seedStoryStreams}), on a connection of its own; answers their ids in order. */
export async function seedStories(databaseUrl: string, eventsPerStory: readonly number[]): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const ids: string[] = [];
    for (const events of eventsPerStory) ids.push(...(await seedStoryStreams(client, { stories: 1, eventsPerStory: events })));
    return ids;
  } finally {
    await client.end();
  }
}

// $1 seed, $2..$3 story numbers, $4 events per story. `v` is the stream version.
const SEED_SQL = `
WITH grid AS (
  SELECT s, v, overlay(overlay(md5($1 || '/story/' || s) placing '4' from 13) placing '8' from 17)::uuid AS story_id, v % 10 AS slot,
         timestamptz '2026-03-14 18:00:00+00' + (s * interval '1 second') + (v * interval '1 minute') AS at
    FROM generate_series($2::int, $3::int) AS s, generate_series(1, $4::int) AS v
),
shaped AS (
  SELECT *,
         jsonb_build_object('min', 3 + (v - 1) % 40, 'max', 3 + (v - 1) % 40 + (v - 1) % 3) AS previous_figure,
         CASE WHEN v = 1 THEN 'StoryOpened'
              WHEN slot IN (2, 3, 4, 5, 7) THEN 'CasualtiesReported'
              WHEN slot = 6 THEN 'StatementRecorded'
              WHEN slot = 8 THEN 'CorrectionIssued'
              WHEN slot = 9 OR slot = 1 THEN 'StoryRevised'
              WHEN v % 50 = 0 THEN 'DevelopmentRetracted'
              ELSE 'StoryPublished' END AS type
    FROM grid
)
INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at)
SELECT 'story-' || story_id, v, overlay(overlay(md5($1 || '/event/' || s || '/' || v) placing '4' from 13) placing '8' from 17)::uuid, type, 1,
       CASE type
         WHEN 'StoryOpened' THEN jsonb_build_object(
           'storyId', story_id, 'slug', 'seeded-' || $1 || '-' || s,
           'headline', 'Shelling hits Varda river crossing, story ' || s,
           'dek', 'Artillery fire struck the crossing shortly after dusk, officials say.',
           'body', 'Artillery fire struck the Varda river crossing on Saturday evening. Officials gave early figures within the hour.',
           'dateline', 'OSTREL', 'desk', 'world', 'bylines', jsonb_build_array('Lena Morav'))
         WHEN 'CasualtiesReported' THEN jsonb_build_object(
           'party', (ARRAY['soldiers at the Varda crossing', 'civilians in Ostrel district', 'militia fighters near Ostrel'])[1 + v % 3],
           'category', (ARRAY['killed', 'wounded', 'missing', 'captured', 'displaced'])[1 + v % 5],
           'figure', jsonb_build_object('min', 3 + v % 40, 'max', 3 + v % 40 + v % 3),
           'status', CASE WHEN v % 7 = 0 THEN 'claimed' ELSE 'confirmed' END,
           'source', (ARRAY[
              jsonb_build_object('name', 'Mara Velic', 'role', 'governor of Ostrel province', 'via', 'Coastline Agency', 'channel', 'televised briefing'),
              jsonb_build_object('name', 'Defence Ministry of Varda', 'organization', 'Ministry of Defence', 'channel', 'written statement'),
              jsonb_build_object('name', 'Ostrel Red Crescent', 'organization', 'Red Crescent', 'via', 'Northline Press', 'channel', 'phone call')])[1 + v % 3],
           'asOf', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'location', 'Varda crossing, Ostrel province')
         WHEN 'StatementRecorded' THEN jsonb_build_object(
           'speaker', jsonb_build_object('name', 'Ivo Saric', 'role', 'defence minister', 'organization', 'Ministry of Defence'),
           'text', 'The crossing will be held; every position that fired on it has been answered (' || v || ').',
           'mode', CASE WHEN v % 20 = 6 THEN 'quote' ELSE 'paraphrase' END,
           'channel', 'written statement', 'via', 'Coastline Agency',
           'madeAt', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
         WHEN 'CorrectionIssued' THEN jsonb_build_object(
           'targetEventId', overlay(overlay(md5($1 || '/event/' || s || '/' || (v - 1)) placing '4' from 13) placing '8' from 17)::uuid, 'targetType', 'CasualtiesReported',
           'changes', jsonb_build_object('figure', jsonb_build_object('min', 4 + (v - 1) % 40, 'max', 4 + (v - 1) % 40 + (v - 1) % 3)),
           'before', jsonb_build_object('figure', previous_figure),
           'reason', 'The governor''s office revised the figure it gave earlier.')
         WHEN 'StoryRevised' THEN jsonb_build_object(
           'body', 'Artillery fire struck the Varda river crossing on Saturday evening. Update ' || v || ': the toll rose as the night went on, officials said.',
           'note', 'update ' || v)
         WHEN 'DevelopmentRetracted' THEN jsonb_build_object(
           'targetEventId', overlay(overlay(md5($1 || '/event/' || s || '/' || (v - 5)) placing '4' from 13) placing '8' from 17)::uuid, 'targetType', 'CasualtiesReported',
           'reason', 'The figure could not be confirmed by a second source.', 'notice', 'An earlier figure has been withdrawn.')
         ELSE jsonb_build_object('publishedVersion', v)
       END,
       jsonb_build_object('actorId', CASE WHEN type IN ('CorrectionIssued', 'DevelopmentRetracted', 'StoryPublished') THEN 'bench-editor' ELSE 'bench-reporter' END,
                          'actorRole', CASE WHEN type IN ('CorrectionIssued', 'DevelopmentRetracted', 'StoryPublished') THEN 'editor' ELSE 'reporter' END,
                          'requestId', overlay(overlay(md5($1 || '/request/' || s || '/' || v) placing '4' from 13) placing '8' from 17)::uuid,
                          'correlationId', overlay(overlay(md5($1 || '/correlation/' || s || '/' || v) placing '4' from 13) placing '8' from 17)::uuid,
                          'causationId', NULL),
       at
  FROM shaped
 ORDER BY s / 100, v, s`;
