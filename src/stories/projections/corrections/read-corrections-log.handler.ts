import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Page, pageOf } from '../paged-list';
import { CORRECTION_COLUMNS, CorrectionItem, CorrectionRow, toCorrectionItem } from './correction-item';
import { ReadCorrectionsLog } from './read-corrections-log.query';

@QueryHandler(ReadCorrectionsLog)
export class ReadCorrectionsLogHandler implements IQueryHandler<ReadCorrectionsLog> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ window }: ReadCorrectionsLog): Promise<Page<CorrectionItem>> {
    const rows: CorrectionRow[] = await this.dataSource.query(
      `SELECT ${CORRECTION_COLUMNS} FROM corrections_log
        WHERE position < coalesce($1::bigint, 9223372036854775807)
        ORDER BY position DESC LIMIT $2`,
      [window.before, window.limit + 1],
    );
    return pageOf(rows, window, toCorrectionItem);
  }
}
