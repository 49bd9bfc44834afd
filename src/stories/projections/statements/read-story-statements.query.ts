import { Query } from '@nestjs/cqrs';
import type { StatementItem } from './statement-item';

/** `GET /stories/:id/statements`: every statement of the story, in the order the desk recorded them. */
export interface StoryStatements {
  items: StatementItem[];
}

export class ReadStoryStatements extends Query<StoryStatements> {
  constructor(readonly storyId: string) {
    super();
  }
}
