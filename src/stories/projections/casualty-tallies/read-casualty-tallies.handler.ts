import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { storyNotFound } from '../../story.errors';
import type { CasualtiesReportedData } from '../../story.events';
import { TallyReport, computeTallies } from '../../tallies/compute-tallies';
import { casualtyTallyStories } from './casualty-tallies.projection';
import { ReadCasualtyTallies, StoryCasualties } from './read-casualty-tallies.query';

interface CasualtyReportRow {
  event_id: string;
  position: string;
  recorded_at: Date;
  data: CasualtiesReportedData;
  corrected: boolean;
  retracted: boolean;
}

@QueryHandler(ReadCasualtyTallies)
export class ReadCasualtyTalliesHandler implements IQueryHandler<ReadCasualtyTallies> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ storyId }: ReadCasualtyTallies): Promise<StoryCasualties> {
    if (!(await casualtyTallyStories.isOpen(this.dataSource, storyId))) throw storyNotFound(storyId);
    const rows: CasualtyReportRow[] = await this.dataSource.query(
      `SELECT event_id, position, recorded_at, data, corrected, retracted FROM casualty_reports WHERE story_id = $1`,
      [storyId],
    );
    return { storyId, tallies: computeTallies(rows.map(toTallyReport)) };
  }
}

function toTallyReport({ event_id, position, recorded_at, data, corrected, retracted }: CasualtyReportRow): TallyReport {
  const { party, category, figure, status, source, asOf } = data;
  return { eventId: event_id, position: Number(position), recordedAt: recorded_at.toISOString(), party, category, figure, status, source, asOf, corrected, retracted };
}
