import type { StoredEvent } from '../../event-store/event-store.types';
import type { ProjectionTransaction } from '../../projections/projection';
import { StoryStreamEvent, storyEventsOf } from './story-stream-event';

/** Anything that runs SQL: a projection transaction while applying, the DataSource while reading. */
interface Queryable {
  query(sql: string, params: unknown[]): Promise<unknown[]>;
}

/**
 * The stories a projection has seen opened, as the rows of a table of its own keyed by `story_id`
 * (any other column needs a default): a projection may touch only its own tables (a rebuild swaps
 * them), and its reads answer 404 for a story it has not seen opened. The write side appends nothing
 * to a story before it is opened, so the story projections pass by any event of a stream without a
 * `StoryOpened`: it belongs to no story.
 */
export class OpenedStories {
  constructor(private readonly table: string) {}

  async isOpen(db: Queryable, storyId: string): Promise<boolean> {
    return (await db.query(`SELECT 1 FROM ${this.table} WHERE story_id = $1`, [storyId])).length > 0;
  }

  /**
   * The batch's story events that follow their story's opening (seen in an earlier batch or earlier
   * in this one), in order, without the openings; records the stories the batch opens. Two statements
   * whatever the batch size: one read of the stories the batch names, one insert.
   */
  async eventsOfOpenedStories(tx: ProjectionTransaction, stored: readonly StoredEvent[]): Promise<StoryStreamEvent[]> {
    const events = storyEventsOf(stored);
    const named = [...new Set(events.filter((event) => event.type !== 'StoryOpened').map((event) => event.storyId))];
    const rows = named.length === 0 ? [] : await tx.query<{ story_id: string }>(`SELECT story_id FROM ${this.table} WHERE story_id = ANY($1::uuid[])`, [named]);
    const opened = new Set(rows.map((row) => row.story_id));
    const openedNow: string[] = [];
    const following: StoryStreamEvent[] = [];
    for (const event of events) {
      if (event.type === 'StoryOpened') {
        openedNow.push(event.storyId);
        opened.add(event.storyId);
      } else if (opened.has(event.storyId)) {
        following.push(event);
      }
    }
    // A story opened twice breaks the primary key here, loudly, as it should.
    if (openedNow.length > 0) await tx.query(`INSERT INTO ${this.table} (story_id) SELECT unnest($1::uuid[])`, [openedNow]);
    return following;
  }
}
