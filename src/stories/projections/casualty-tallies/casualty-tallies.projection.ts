import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '../../../event-store/event-store.types';
import type { Projection, ProjectionTransaction } from '../../../projections/projection';
import { applyCorrection } from '../../story';
import type { CasualtiesReportedData } from '../../story.events';
import { OpenedStories } from '../opened-stories';
import { StoryStreamEvent, asStoryStreamEvent } from '../story-stream-event';

/**
 * Keeps every casualty report of every story as it stands now (corrections applied, retraction
 * marked) in `casualty_reports`; `computeTallies` turns a story's rows into tallies on read.
 *
 * Why rows per report rather than stored tallies: a tally depends on all reports of its party and
 * category (current by asOf, each source's latest, disputes), and a correction can move a report
 * to another party. Recomputing on read costs two indexed queries and an in-memory pass over one
 * story's reports (tens, rarely hundreds), and the projection stays a plain log of facts.
 */
/** The stories this projection has seen opened: its reads answer 404 for any other. */
export const casualtyTallyStories = new OpenedStories('casualty_tally_stories');

@Injectable()
export class CasualtyTalliesProjection implements Projection {
  static readonly NAME = 'casualty_tallies';
  readonly name = CasualtyTalliesProjection.NAME;
  readonly handles = ['StoryOpened', 'CasualtiesReported', 'CorrectionIssued', 'DevelopmentRetracted'];
  readonly tables = ['casualty_tally_stories', 'casualty_reports'];

  async apply(events: StoredEvent[], tx: ProjectionTransaction): Promise<void> {
    for (const stored of events) {
      const event = asStoryStreamEvent(stored);
      if (event === null) continue;
      if (event.type === 'StoryOpened') await casualtyTallyStories.open(tx, event.storyId);
      else if (await casualtyTallyStories.isOpen(tx, event.storyId)) await this.applyToReports(event, tx);
    }
  }

  private async applyToReports(event: StoryStreamEvent, tx: ProjectionTransaction): Promise<void> {
    switch (event.type) {
      case 'CasualtiesReported':
        await tx.query(
          `INSERT INTO casualty_reports (event_id, story_id, position, recorded_at, data) VALUES ($1, $2, $3, $4, $5::jsonb)`,
          [event.eventId, event.storyId, event.position, event.recordedAt, JSON.stringify(event.data)],
        );
        return;
      case 'CorrectionIssued': {
        if (event.data.targetType !== 'CasualtiesReported') return;
        const data = await targetData(tx, event.storyId, event.data.targetEventId, event.eventId);
        await tx.query(`UPDATE casualty_reports SET data = $2::jsonb, corrected = true WHERE event_id = $1`, [
          event.data.targetEventId,
          JSON.stringify(applyCorrection(data, event.data.changes)),
        ]);
        return;
      }
      case 'DevelopmentRetracted':
        if (event.data.targetType !== 'CasualtiesReported') return;
        await targetData(tx, event.storyId, event.data.targetEventId, event.eventId);
        await tx.query(`UPDATE casualty_reports SET retracted = true WHERE event_id = $1`, [event.data.targetEventId]);
        return;
      default:
        return;
    }
  }
}

/** The target's current data; a target missing from its story means the log contradicts the rules: stop here, loudly. */
async function targetData(tx: ProjectionTransaction, storyId: string, targetEventId: string, eventId: string): Promise<CasualtiesReportedData> {
  const [row] = await tx.query<{ data: CasualtiesReportedData }>(
    `SELECT data FROM casualty_reports WHERE event_id = $1 AND story_id = $2`,
    [targetEventId, storyId],
  );
  if (!row) throw new Error(`Event ${eventId} targets casualty report ${targetEventId}, which story ${storyId} does not have`);
  return row.data;
}
