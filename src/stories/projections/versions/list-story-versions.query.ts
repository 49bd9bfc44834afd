import { Query } from '@nestjs/cqrs';
import type { StoryVersionItem } from './story-versions.reader';

export interface StoryVersionsPage {
  items: StoryVersionItem[];
  /** Pass as `after` for the next page; `null` when this page is the last. */
  next: number | null;
}

/** A page of a story's versions in version order, after a version, optionally publications only. */
export class ListStoryVersions extends Query<StoryVersionsPage> {
  constructor(
    readonly storyId: string,
    readonly after: number,
    readonly limit: number,
    readonly publishedOnly: boolean,
  ) {
    super();
  }
}
