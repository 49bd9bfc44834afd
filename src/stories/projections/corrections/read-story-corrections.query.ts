import { Query } from '@nestjs/cqrs';
import type { Page, PageWindow } from '../paged-list';
import type { CorrectionItem } from './correction-item';

/** `GET /stories/:id/corrections`: one story's corrections and retractions, newest first. */
export class ReadStoryCorrections extends Query<Page<CorrectionItem>> {
  constructor(
    readonly storyId: string,
    readonly window: PageWindow,
  ) {
    super();
  }
}
