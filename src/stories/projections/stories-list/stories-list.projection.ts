import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '../../../event-store/event-store.types';
import type { Projection, ProjectionTransaction } from '../../../projections/projection';
import { STORY_EVENT_TYPES } from '../../story.events';
import { StoryStreamEvent, asStoryStreamEvent } from '../story-stream-event';

/**
 * The desk's list of stories: one row per story with its headline, status and where it stands.
 * Every story event moves `version`, `updated_at` and `last_position` (the list is ordered by the
 * latter: newest change first); only a revision's headline and a publication change more.
 */
@Injectable()
export class StoriesListProjection implements Projection {
  static readonly NAME = 'stories_list';
  readonly name = StoriesListProjection.NAME;
  readonly handles = [...STORY_EVENT_TYPES];
  readonly tables = ['stories_list'];

  async apply(events: StoredEvent[], tx: ProjectionTransaction): Promise<void> {
    for (const stored of events) {
      const event = asStoryStreamEvent(stored);
      if (event !== null) await this.applyToList(event, tx);
    }
  }

  private async applyToList(event: StoryStreamEvent, tx: ProjectionTransaction): Promise<void> {
    const moved = [event.storyId, event.version, event.recordedAt, event.position];
    switch (event.type) {
      case 'StoryOpened': {
        const { slug, headline, desk } = event.data;
        await tx.query(
          `INSERT INTO stories_list (story_id, version, updated_at, last_position, slug, headline, desk, status)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft')`,
          [...moved, slug, headline, desk ?? null],
        );
        return;
      }
      case 'StoryRevised':
        await tx.query(
          `UPDATE stories_list SET version = $2, updated_at = $3, last_position = $4, headline = coalesce($5, headline) WHERE story_id = $1`,
          [...moved, event.data.headline ?? null],
        );
        return;
      case 'StoryPublished':
        await tx.query(
          `UPDATE stories_list SET version = $2, updated_at = $3, last_position = $4, status = 'published', published_version = $5 WHERE story_id = $1`,
          [...moved, event.data.publishedVersion],
        );
        return;
      default:
        // A stream without a StoryOpened has no row: the update finds nothing, as it should.
        await tx.query(`UPDATE stories_list SET version = $2, updated_at = $3, last_position = $4 WHERE story_id = $1`, moved);
    }
  }
}
