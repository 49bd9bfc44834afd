import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ListStoryVersions, StoryVersionsPage } from './list-story-versions.query';
import { storyVersionsNotFound } from './story-versions.errors';
import { StoryVersionsReader } from './story-versions.reader';

@QueryHandler(ListStoryVersions)
export class ListStoryVersionsHandler implements IQueryHandler<ListStoryVersions> {
  constructor(private readonly reader: StoryVersionsReader) {}

  async execute({ storyId, after, limit, publishedOnly }: ListStoryVersions): Promise<StoryVersionsPage> {
    // One row more than asked tells whether another page follows.
    const items = await this.reader.versions(storyId, { after, limit: limit + 1, publishedOnly });
    if (items.length === 0 && (await this.reader.marks(storyId)) === null) throw storyVersionsNotFound(storyId);
    const page = items.slice(0, limit);
    return { items: page, next: items.length > limit ? page[page.length - 1].version : null };
  }
}
