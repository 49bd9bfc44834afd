import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Page, pageOf } from '../paged-list';
import { ReadStoriesList } from './read-stories-list.query';
import { StoryListItem, StoryListRow, toStoryListItem } from './story-list-item';

@QueryHandler(ReadStoriesList)
export class ReadStoriesListHandler implements IQueryHandler<ReadStoriesList> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ status, desk, window }: ReadStoriesList): Promise<Page<StoryListItem>> {
    // The cursor is a last_position: a story changed after the first page moves to the top of the
    // list and is not repeated on later pages.
    const rows: StoryListRow[] = await this.dataSource.query(
      `SELECT story_id, slug, headline, desk, status, version, published_version, updated_at, last_position AS position
         FROM stories_list
        WHERE ($1::text IS NULL OR status = $1)
          AND ($2::text IS NULL OR lower(desk) = lower($2))
          AND last_position < coalesce($3::bigint, 9223372036854775807)
        ORDER BY last_position DESC
        LIMIT $4`,
      [status, desk, window.before, window.limit + 1],
    );
    return pageOf(rows, window, toStoryListItem);
  }
}
