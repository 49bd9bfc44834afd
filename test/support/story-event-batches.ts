import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { StoredEvent } from '../../src/event-store/event-store.types';
import type { Projection, ProjectionTransaction } from '../../src/projections/projection';
import { projectionTransaction } from '../../src/projections/projection-transaction';
import { STORY_EVENT_SCHEMA_VERSIONS, StoryEventType, storyStreamId } from '../../src/stories/story.events';
import { testMetadata } from './event-factory';

/**
 * Stored events of one story, written one by one with the next version and position, never
 * appended (so no runner of a later suite ever applies them).
 */
export class StoredStoryEvents {
  readonly events: StoredEvent[] = [];
  private readonly firstPosition = 9_000_000_000 + Math.floor(Math.random() * 1_000_000_000);

  constructor(readonly storyId: string) {}

  /** Adds the story's next event; answers its event id. */
  push(type: StoryEventType, data: Record<string, unknown>): string {
    const version = this.events.length + 1;
    const eventId = randomUUID();
    this.events.push({
      position: this.firstPosition + version, streamId: storyStreamId(this.storyId), version, eventId, type, schemaVersion: STORY_EVENT_SCHEMA_VERSIONS[type],
      data, metadata: testMetadata(), recordedAt: new Date(Date.UTC(2026, 2, 14, 18) + version * 60_000),
    });
    return eventId;
  }
}

/**
 * A story of `versions` events, as {@link StoredStoryEvents}: reports later corrected or retracted
 * (the state's reports must be carried whole from batch to batch), statements, notices,
 * publications and revisions.
 */
export function storyEvents(storyId: string, versions: number): StoredEvent[] {
  const reports: string[] = [];
  const story = new StoredStoryEvents(storyId);
  const push = (type: StoryEventType, data: Record<string, unknown>): string => story.push(type, data);
  push('StoryOpened', { storyId, slug: `cache-${storyId.slice(0, 8)}`, headline: 'Bridge shelled at dusk', body: 'Shells hit the bridge.', bylines: ['Lena Morav'] });
  for (let version = 2; version <= versions; version++) {
    if (version % 32 === 0) push('StoryPublished', { publishedVersion: version });
    else if (version % 5 === 2) {
      reports.push(
        push('CasualtiesReported', {
          party: version % 2 ? 'soldiers at the bridge' : 'civilians in Ostrel', category: 'killed', figure: { min: version, max: version + 1 }, status: 'confirmed',
          source: { name: 'Mara Velic', role: 'governor' }, asOf: new Date(Date.UTC(2026, 2, 14) + version * 60_000).toISOString(),
        }),
      );
    } else if (version % 11 === 4) push('StatementRecorded', { speaker: { name: 'Ivo Saric', role: 'minister' }, text: `Statement ${version}.`, mode: 'quote' });
    else if (version % 7 === 3 && reports.length > 0) {
      push('CorrectionIssued', {
        targetEventId: reports[reports.length - 1], targetType: 'CasualtiesReported', changes: { figure: { min: version } }, before: { figure: { min: version - 1 } },
        reason: 'Updated toll.', notice: `Corrected at ${version}.`,
      });
    } else if (version % 13 === 6 && reports.length > 2) {
      push('DevelopmentRetracted', { targetEventId: reports[reports.length - 3], targetType: 'CasualtiesReported', reason: 'Wrong post.', notice: `Retracted at ${version}.` });
    } else push('StoryRevised', { headline: `Bridge shelled at dusk (update ${version})`, body: `Shells hit the bridge. Update ${version}.` });
  }
  return story.events;
}

/** The events cut into batches of these sizes, cycling; uneven, so batches end on, before and after snapshot versions. */
export function batchesOf(events: StoredEvent[], sizes: readonly number[]): StoredEvent[][] {
  const batches: StoredEvent[][] = [];
  for (let start = 0, turn = 0; start < events.length; start += sizes[turn % sizes.length], turn++) batches.push(events.slice(start, start + sizes[turn % sizes.length]));
  return batches;
}


class RolledBack extends Error {}

/**
 * Applies one batch through `projection` in a transaction of its own, as the runner would, and
 * rolls it back when asked. `observe` sees every statement the projection sends and the rows it got.
 */
export async function applyInTransaction(
  dataSource: DataSource,
  projection: Projection,
  events: StoredEvent[],
  options: { rollBack?: boolean; observe?: (sql: string, rows: unknown[]) => void } = {},
): Promise<void> {
  try {
    await dataSource.transaction(async (manager) => {
      const tx = projectionTransaction(manager.queryRunner!);
      const observed: ProjectionTransaction = {
        async query<Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
          const rows = await tx.query<Row>(sql, params);
          options.observe?.(sql, rows);
          return rows;
        },
      };
      await projection.apply(events, observed);
      if (options.rollBack) throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
}
