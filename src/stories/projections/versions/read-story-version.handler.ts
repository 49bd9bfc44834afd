import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { StoryDocument } from '../../document';
import { ReadStoryVersion } from './read-story-version.query';
import { storyVersionsNotFound, versionNotFound } from './story-versions.errors';
import { StoryVersionsReader } from './story-versions.reader';

@QueryHandler(ReadStoryVersion)
export class ReadStoryVersionHandler implements IQueryHandler<ReadStoryVersion> {
  constructor(private readonly reader: StoryVersionsReader) {}

  async execute({ storyId, version }: ReadStoryVersion): Promise<StoryDocument> {
    const document = (await this.reader.documentsAt(storyId, [version])).get(version);
    if (document !== undefined) return document;
    const marks = await this.reader.marks(storyId);
    if (marks === null) throw storyVersionsNotFound(storyId);
    throw versionNotFound(storyId, version, marks.latest);
  }
}
