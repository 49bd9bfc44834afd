import { Query } from '@nestjs/cqrs';
import type { StoryDocument } from '../../document';

/** The story's current document (its latest version). */
export class ReadStoryDocument extends Query<StoryDocument> {
  constructor(readonly storyId: string) {
    super();
  }
}
