import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '../../../event-store/event-store.types';
import type { Projection, ProjectionTransaction } from '../../../projections/projection';
import { STORY_EVENT_TYPES } from '../../story.events';
import { insertRows, updateRows } from '../recordset';
import { StoryStreamEvent, storyEventsOf } from '../story-stream-event';

/** What one batch does to one story's row. */
interface ListChange {
  story_id: string;
  version: number;
  updated_at: Date;
  last_position: number;
  /** The latest revised headline, absent when the batch revised none. */
  headline?: string;
  /** The latest publication, absent when the batch published none. */
  published_version?: number;
  /** Set when the batch opened the story: its row is new. */
  opened?: { slug: string; desk: string | null };
}

const MOVED = { story_id: 'uuid', version: 'integer', updated_at: 'timestamptz', last_position: 'bigint', headline: 'text', published_version: 'integer' };

/**
 * The desk's list of stories: one row per story with its headline, status and where it stands.
 * Every story event moves `version`, `updated_at` and `last_position` (the list is ordered by the
 * latter: newest change first); only a revision's headline and a publication change more. A batch
 * folds each story's events into one change: one insert for the stories it opened, one update for
 * the others.
 */
@Injectable()
export class StoriesListProjection implements Projection {
  static readonly NAME = 'stories_list';
  readonly name = StoriesListProjection.NAME;
  readonly handles = [...STORY_EVENT_TYPES];
  readonly tables = ['stories_list'];

  async apply(stored: StoredEvent[], tx: ProjectionTransaction): Promise<void> {
    const changes = [...changesOf(storyEventsOf(stored)).values()];
    const opened = changes.filter((change) => change.opened !== undefined);
    await insertRows(
      tx,
      'stories_list',
      { ...MOVED, slug: 'text', desk: 'text', status: 'text' },
      opened.map(({ opened: story, ...change }) => ({ ...change, ...story, status: change.published_version === undefined ? 'draft' : 'published' })),
    );
    // A stream without a StoryOpened has no row: the update finds nothing, as it should.
    await updateRows(
      tx,
      'stories_list',
      'story_id',
      MOVED,
      `version = r.version, updated_at = r.updated_at, last_position = r.last_position, headline = coalesce(r.headline, t.headline),
       status = CASE WHEN r.published_version IS NULL THEN t.status ELSE 'published' END,
       published_version = coalesce(r.published_version, t.published_version)`,
      changes.filter((change) => change.opened === undefined),
    );
  }
}

/** Each story's events of the batch folded into one change, in event order. */
function changesOf(events: readonly StoryStreamEvent[]): Map<string, ListChange> {
  const changes = new Map<string, ListChange>();
  for (const event of events) {
    const moved = { story_id: event.storyId, version: event.version, updated_at: event.recordedAt, last_position: event.position };
    if (event.type === 'StoryOpened') {
      const { slug, headline, desk } = event.data;
      // Whatever came before an opening in its stream had no row to change.
      changes.set(event.storyId, { ...moved, headline, opened: { slug, desk: desk ?? null } });
      continue;
    }
    const change = Object.assign(changes.get(event.storyId) ?? {}, moved) as ListChange;
    if (event.type === 'StoryRevised' && event.data.headline !== undefined) change.headline = event.data.headline;
    if (event.type === 'StoryPublished') change.published_version = event.data.publishedVersion;
    changes.set(event.storyId, change);
  }
  return changes;
}
