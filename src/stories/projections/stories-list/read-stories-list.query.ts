import { Query } from '@nestjs/cqrs';
import type { Page, PageWindow } from '../paged-list';
import type { StoryListItem } from './story-list-item';

/** `GET /stories`: stories, most recently changed first, optionally of one status and one desk. */
export class ReadStoriesList extends Query<Page<StoryListItem>> {
  constructor(
    readonly status: StoryListItem['status'] | null,
    /** Matched blind to case. */
    readonly desk: string | null,
    readonly window: PageWindow,
  ) {
    super();
  }
}
