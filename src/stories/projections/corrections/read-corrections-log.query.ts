import { Query } from '@nestjs/cqrs';
import type { Page, PageWindow } from '../paged-list';
import type { CorrectionItem } from './correction-item';

/** `GET /corrections`: the desk-wide corrections log, newest first. */
export class ReadCorrectionsLog extends Query<Page<CorrectionItem>> {
  constructor(readonly window: PageWindow) {
    super();
  }
}
