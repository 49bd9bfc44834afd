import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { storyNotFound } from '../../story.errors';
import { ReadCasualtyTallies, StoryCasualtiesJson } from './read-casualty-tallies.query';

/**
 * A story's stored tallies as one JSON array text, `$1` the story id: no row when the projection
 * has not seen the story opened. The groups' texts joined in primary-key order, which is the order
 * of `computeTallies` (migration 1764203200000).
 */
export const STORED_TALLIES_SQL = `
  SELECT '[' || coalesce((SELECT string_agg(g.tally, ',' ORDER BY g.party_key, g.category_order)
                            FROM casualty_tally_groups g WHERE g.story_id = t.story_id), '') || ']' AS tallies
    FROM casualty_tallies t WHERE t.story_id = $1`;

@QueryHandler(ReadCasualtyTallies)
export class ReadCasualtyTalliesHandler implements IQueryHandler<ReadCasualtyTallies> {
  constructor(private readonly dataSource: DataSource) {}

  /** One statement over two primary keys: the story's row exists once it is opened, its groups kept current by the projection. */
  async execute({ storyId }: ReadCasualtyTallies): Promise<StoryCasualtiesJson> {
    const [row]: { tallies: string }[] = await this.dataSource.query(STORED_TALLIES_SQL, [storyId]);
    if (!row) throw storyNotFound(storyId);
    // Byte for byte what JSON.stringify({ storyId, tallies }) gives: each group is stored as its JSON.stringify text.
    return `{"storyId":${JSON.stringify(storyId)},"tallies":${row.tallies}}`;
  }
}
