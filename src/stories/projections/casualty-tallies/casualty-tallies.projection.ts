import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '../../../event-store/event-store.types';
import type { Projection, ProjectionTransaction } from '../../../projections/projection';
import type { CasualtiesReportedData } from '../../story.events';
import { TallyReport, computeTallies } from '../../tallies/compute-tallies';
import { CorrectableDevelopments } from '../correctable-developments';
import { saveDevelopments } from '../development-rows';
import { OpenedStories } from '../opened-stories';

/**
 * The stories this projection has seen opened, one `casualty_tallies` row each (tallies `[]` until
 * a report arrives): its reads answer 404 for any other.
 */
export const casualtyTallyStories = new OpenedStories('casualty_tallies');

/**
 * Keeps every casualty report of every story as it stands now (corrections applied, retraction
 * marked) in `casualty_reports`, and each story's tallies, computed from those rows by
 * `computeTallies`, as JSON text in `casualty_tallies`: a read is one primary-key lookup.
 *
 * A tally depends on all reports of its party and category (current by asOf, each source's latest,
 * disputes), and a correction can move a report to another party, so the tallies of every story a
 * batch touched are recomputed from all its rows at the end of the batch, in the same transaction.
 */
@Injectable()
export class CasualtyTalliesProjection implements Projection {
  static readonly NAME = 'casualty_tallies';
  readonly name = CasualtyTalliesProjection.NAME;
  readonly handles = ['StoryOpened', 'CasualtiesReported', 'CorrectionIssued', 'DevelopmentRetracted'];
  readonly tables = ['casualty_tallies', 'casualty_reports'];

  async apply(stored: StoredEvent[], tx: ProjectionTransaction): Promise<void> {
    const events = await casualtyTallyStories.eventsOfOpenedStories(tx, stored);
    const reports = await CorrectableDevelopments.read<CasualtiesReportedData>(tx, 'casualty_reports', ['CasualtiesReported'], events);
    const touched = reports.fold(events);
    await saveDevelopments(tx, 'casualty_reports', touched);
    await recomputeTallies(tx, [...new Set(touched.map((report) => report.storyId))]);
  }
}

interface CasualtyReportRow {
  event_id: string;
  story_id: string;
  position: string;
  recorded_at: Date;
  data: CasualtiesReportedData;
  corrected: boolean;
  retracted: boolean;
}

/** Stores the tallies of `storyIds` as computed from their report rows now. */
async function recomputeTallies(tx: ProjectionTransaction, storyIds: readonly string[]): Promise<void> {
  if (storyIds.length === 0) return;
  const rows = await tx.query<CasualtyReportRow>(
    `SELECT event_id, story_id, position, recorded_at, data, corrected, retracted FROM casualty_reports WHERE story_id = ANY($1::uuid[])`,
    [storyIds],
  );
  const reportsByStory = new Map<string, TallyReport[]>(storyIds.map((storyId) => [storyId, []]));
  for (const row of rows) reportsByStory.get(row.story_id)!.push(toTallyReport(row));
  // One pair of plain parameters per story: a text[] would be escaped element by element on both
  // ends, and these texts run to tens of kilobytes per story.
  const values = [...reportsByStory.entries()].flatMap(([storyId, reports]) => [storyId, JSON.stringify(computeTallies(reports))]);
  const pairs = storyIds.map((_, index) => `($${2 * index + 1}::uuid, $${2 * index + 2}::text)`).join(', ');
  await tx.query(`UPDATE casualty_tallies AS t SET tallies = u.tallies FROM (VALUES ${pairs}) AS u(story_id, tallies) WHERE t.story_id = u.story_id`, values);
}

function toTallyReport({ event_id, position, recorded_at, data, corrected, retracted }: CasualtyReportRow): TallyReport {
  const { party, category, figure, status, source, asOf } = data;
  return { eventId: event_id, position: Number(position), recordedAt: recorded_at.toISOString(), party, category, figure, status, source, asOf, corrected, retracted };
}
