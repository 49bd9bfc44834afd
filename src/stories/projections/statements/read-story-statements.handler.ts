import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { storyNotFound } from '../../story.errors';
import { STATEMENT_COLUMNS, StatementRow, toStatementItem } from './statement-item';
import { statementStories } from './statements.projection';
import { ReadStoryStatements, StoryStatements } from './read-story-statements.query';

@QueryHandler(ReadStoryStatements)
export class ReadStoryStatementsHandler implements IQueryHandler<ReadStoryStatements> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ storyId }: ReadStoryStatements): Promise<StoryStatements> {
    if (!(await statementStories.isOpen(this.dataSource, storyId))) throw storyNotFound(storyId);
    const rows: StatementRow[] = await this.dataSource.query(
      `SELECT ${STATEMENT_COLUMNS} FROM statements WHERE story_id = $1 ORDER BY position`,
      [storyId],
    );
    return { items: rows.map(toStatementItem) };
  }
}
