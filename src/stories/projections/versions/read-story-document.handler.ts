import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { StoryDocument } from '../../document';
import { ReadStoryDocument } from './read-story-document.query';
import { storyVersionsNotFound } from './story-versions.errors';
import { StoryVersionsReader } from './story-versions.reader';

@QueryHandler(ReadStoryDocument)
export class ReadStoryDocumentHandler implements IQueryHandler<ReadStoryDocument> {
  constructor(private readonly reader: StoryVersionsReader) {}

  async execute({ storyId }: ReadStoryDocument): Promise<StoryDocument> {
    const document = await this.reader.currentDocument(storyId);
    if (document === null) throw storyVersionsNotFound(storyId);
    return document;
  }
}
