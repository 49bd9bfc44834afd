import { Query } from '@nestjs/cqrs';
import type { StoryDocument } from '../../document';

/** The document as it stood at one version of the story. */
export class ReadStoryVersion extends Query<StoryDocument> {
  constructor(
    readonly storyId: string,
    readonly version: number,
  ) {
    super();
  }
}
