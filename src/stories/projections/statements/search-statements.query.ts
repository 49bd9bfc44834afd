import { Query } from '@nestjs/cqrs';
import type { Page, PageWindow } from '../paged-list';
import type { StatementSearchItem } from './statement-item';

/**
 * `GET /statements`: statements across stories, newest first, by speaker name and/or organization
 * (each matched exactly, blind to case and spaces; see `speakerKey`). Without either, every statement.
 */
export class SearchStatements extends Query<Page<StatementSearchItem>> {
  constructor(
    readonly speaker: string | null,
    readonly organization: string | null,
    readonly window: PageWindow,
  ) {
    super();
  }
}
