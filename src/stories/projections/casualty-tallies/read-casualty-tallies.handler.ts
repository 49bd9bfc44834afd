import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ProjectionRunner } from '../../../projections/projection-runner';
import { storyNotFound } from '../../story.errors';
import { PositionedAnswers, PositionedAnswersLimits } from '../positioned-answers';
import { CasualtyTalliesProjection } from './casualty-tallies.projection';
import { joinTallyParts, READ_TALLY_PARTS } from './casualty-tally-groups.table';
import { ReadCasualtyTallies, StoryCasualtiesJson } from './read-casualty-tallies.query';

/**
 * A story's stored tallies as one JSON array text: its groups' texts, each with its history
 * entries, in the order of `computeTallies` (see READ_TALLY_PARTS); `undefined` when the
 * projection has not seen the story opened. Joined here rather than by `string_agg` in SQL, which
 * took PostgreSQL twice the time of returning the rows (pgbench, 12 groups of 2 KB); the story's
 * own row is read only when it has no group, to tell a story without reports from one never opened.
 */
export async function storedTallies(query: (sql: string, parameters: unknown[]) => Promise<unknown[]>, storyId: string): Promise<string | undefined> {
  const parts = (await query(READ_TALLY_PARTS, [storyId])) as { entry: boolean; text: string }[];
  if (parts.length > 0) return joinTallyParts(parts);
  const [opened] = await query(`SELECT FROM casualty_tallies WHERE story_id = $1`, [storyId]);
  return opened === undefined ? undefined : '[]';
}

/**
 * Answers kept per story while the projection has not moved: 32 MB of JSON text (a breaking
 * story's tallies run to tens of kilobytes), and a second at most (see PositionedAnswers).
 */
const KEPT_ANSWERS: PositionedAnswersLimits = { maxSize: 32 * 1024 * 1024, maxAgeMs: 1_000 };

@QueryHandler(ReadCasualtyTallies)
export class ReadCasualtyTalliesHandler implements IQueryHandler<ReadCasualtyTallies> {
  private readonly answers = new PositionedAnswers(KEPT_ANSWERS);

  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: ProjectionRunner,
  ) {}

  /**
   * One read of the story's groups and their entries, kept current by the projection — or, while the
   * projection stands where it stood when this story was last read, that answer again: the most
   * read route of a breaking story then costs no query at all.
   */
  async execute({ storyId }: ReadCasualtyTallies): Promise<StoryCasualtiesJson> {
    // Read before the tables, so the answer reflects this position at least.
    const position = await this.runner.readPosition(CasualtyTalliesProjection.NAME);
    const kept = this.answers.get(storyId, position);
    if (kept !== undefined) return kept;
    const tallies = await storedTallies((sql, parameters) => this.dataSource.query(sql, parameters), storyId);
    if (tallies === undefined) throw storyNotFound(storyId);
    // Byte for byte what JSON.stringify({ storyId, tallies }) gives (see joinTallyParts).
    const answer = `{"storyId":${JSON.stringify(storyId)},"tallies":${tallies}}`;
    this.answers.set(storyId, position, answer);
    return answer;
  }
}
