import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { storyNotFound } from '../../story.errors';
import { ReadCasualtyTallies, StoryCasualtiesJson } from './read-casualty-tallies.query';

@QueryHandler(ReadCasualtyTallies)
export class ReadCasualtyTalliesHandler implements IQueryHandler<ReadCasualtyTallies> {
  constructor(private readonly dataSource: DataSource) {}

  /** One primary-key lookup: the row exists once the story is opened, its tallies kept current by the projection. */
  async execute({ storyId }: ReadCasualtyTallies): Promise<StoryCasualtiesJson> {
    const [row]: { tallies: string }[] = await this.dataSource.query(`SELECT tallies FROM casualty_tallies WHERE story_id = $1`, [storyId]);
    if (!row) throw storyNotFound(storyId);
    // Byte for byte what JSON.stringify({ storyId, tallies }) gives: `tallies` is stored as its JSON.stringify text.
    return `{"storyId":${JSON.stringify(storyId)},"tallies":${row.tallies}}`;
  }
}
