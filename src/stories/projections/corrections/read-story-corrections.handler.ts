import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { storyNotFound } from '../../story.errors';
import { Page, pageOf } from '../paged-list';
import { CORRECTION_COLUMNS, CorrectionItem, CorrectionRow, toCorrectionItem } from './correction-item';
import { correctionStories } from './corrections.projection';
import { ReadStoryCorrections } from './read-story-corrections.query';

@QueryHandler(ReadStoryCorrections)
export class ReadStoryCorrectionsHandler implements IQueryHandler<ReadStoryCorrections> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ storyId, window }: ReadStoryCorrections): Promise<Page<CorrectionItem>> {
    if (!(await correctionStories.isOpen(this.dataSource, storyId))) throw storyNotFound(storyId);
    const rows: CorrectionRow[] = await this.dataSource.query(
      `SELECT ${CORRECTION_COLUMNS} FROM corrections_log
        WHERE story_id = $1 AND position < coalesce($2::bigint, 9223372036854775807)
        ORDER BY position DESC LIMIT $3`,
      [storyId, window.before, window.limit + 1],
    );
    return pageOf(rows, window, toCorrectionItem);
  }
}
