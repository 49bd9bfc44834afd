import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Page, pageOf } from '../paged-list';
import { speakerKey } from './speaker-key';
import { STATEMENT_COLUMNS, StatementRow, StatementSearchItem, toStatementSearchItem } from './statement-item';
import { SearchStatements } from './search-statements.query';

@QueryHandler(SearchStatements)
export class SearchStatementsHandler implements IQueryHandler<SearchStatements> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ speaker, organization, window }: SearchStatements): Promise<Page<StatementSearchItem>> {
    // Each filter is an equality on an indexed key column, walked newest first from the cursor.
    const rows: StatementRow[] = await this.dataSource.query(
      `SELECT ${STATEMENT_COLUMNS} FROM statements
        WHERE ($1::text IS NULL OR speaker_key = $1)
          AND ($2::text IS NULL OR organization_key = $2)
          AND position < coalesce($3::bigint, 9223372036854775807)
        ORDER BY position DESC
        LIMIT $4`,
      [speaker === null ? null : speakerKey(speaker), organization === null ? null : speakerKey(organization), window.before, window.limit + 1],
    );
    return pageOf(rows, window, toStatementSearchItem);
  }
}
