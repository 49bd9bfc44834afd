/** A story in the desk's list (API.md "Reads", `GET /stories`). */
export interface StoryListItem {
  id: string;
  slug: string;
  headline: string;
  /** The desk the story was opened for, `null` when none was given. */
  desk: string | null;
  /** `published` once any version was published, even if later changes are not yet. */
  status: 'draft' | 'published';
  /** The story's stream version: how many events it has. */
  version: number;
  /** The latest published version, `null` before the first publication. */
  publishedVersion: number | null;
  /** When its last event was recorded. */
  updatedAt: string;
}

export interface StoryListRow {
  story_id: string;
  slug: string;
  headline: string;
  desk: string | null;
  status: StoryListItem['status'];
  version: number;
  published_version: number | null;
  updated_at: Date;
  /** last_position, the cursor of the list. */
  position: string;
}

export function toStoryListItem(row: StoryListRow): StoryListItem {
  return {
    id: row.story_id,
    slug: row.slug,
    headline: row.headline,
    desk: row.desk,
    status: row.status,
    version: row.version,
    publishedVersion: row.published_version,
    updatedAt: row.updated_at.toISOString(),
  };
}
