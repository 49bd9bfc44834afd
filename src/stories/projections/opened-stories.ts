/** Anything that runs SQL: a projection transaction while applying, the DataSource while reading. */
interface Queryable {
  query(sql: string, params: unknown[]): Promise<unknown[]>;
}

/**
 * The stories a projection has seen opened, in a one-column table of its own: a projection may
 * touch only its own tables (a rebuild swaps them), and its reads answer 404 for a story it has
 * not seen opened. The write side appends nothing to a story before it is opened, so the story
 * projections pass by any event of a stream without a `StoryOpened`: it belongs to no story.
 */
export class OpenedStories {
  constructor(private readonly table: string) {}

  async open(tx: Queryable, storyId: string): Promise<void> {
    await tx.query(`INSERT INTO ${this.table} (story_id) VALUES ($1)`, [storyId]);
  }

  async isOpen(db: Queryable, storyId: string): Promise<boolean> {
    return (await db.query(`SELECT 1 FROM ${this.table} WHERE story_id = $1`, [storyId])).length > 0;
  }
}
