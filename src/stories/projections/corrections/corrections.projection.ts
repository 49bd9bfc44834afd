import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '../../../event-store/event-store.types';
import type { Projection, ProjectionTransaction } from '../../../projections/projection';
import { applyCorrection } from '../../story';
import { OpenedStories } from '../opened-stories';
import { StoryStreamEvent, asStoryStreamEvent } from '../story-stream-event';

/** The stories this projection has seen opened: its per-story read answers 404 for any other. */
export const correctionStories = new OpenedStories('correction_stories');

/**
 * The public corrections log: one row per correction or retraction, with what was wrong (`before`)
 * and what replaced it (`after`). A correction event carries both already; a retraction carries
 * neither, so the projection keeps every correctable development's current data in
 * `correction_targets` to say what was withdrawn.
 */
@Injectable()
export class CorrectionsProjection implements Projection {
  static readonly NAME = 'corrections';
  readonly name = CorrectionsProjection.NAME;
  readonly handles = ['StoryOpened', 'CasualtiesReported', 'StatementRecorded', 'CorrectionIssued', 'DevelopmentRetracted'];
  readonly tables = ['correction_stories', 'correction_targets', 'corrections_log'];

  async apply(events: StoredEvent[], tx: ProjectionTransaction): Promise<void> {
    for (const stored of events) {
      const event = asStoryStreamEvent(stored);
      if (event === null) continue;
      if (event.type === 'StoryOpened') await correctionStories.open(tx, event.storyId);
      else if (await correctionStories.isOpen(tx, event.storyId)) await this.applyToLog(event, tx);
    }
  }

  private async applyToLog(event: StoryStreamEvent, tx: ProjectionTransaction): Promise<void> {
    switch (event.type) {
      case 'CasualtiesReported':
      case 'StatementRecorded':
        await tx.query(`INSERT INTO correction_targets (event_id, story_id, data) VALUES ($1, $2, $3::jsonb)`, [
          event.eventId,
          event.storyId,
          JSON.stringify(event.data),
        ]);
        return;
      case 'CorrectionIssued': {
        const { targetEventId, targetType, changes, before, reason, notice } = event.data;
        const current = await targetData(tx, event, targetEventId);
        await tx.query(`UPDATE correction_targets SET data = $2::jsonb WHERE event_id = $1`, [targetEventId, JSON.stringify(applyCorrection(current, changes))]);
        await logEntry(tx, event, { targetEventId, targetType, kind: 'correction', reason, notice, before, after: changes });
        return;
      }
      case 'DevelopmentRetracted': {
        const { targetEventId, targetType, reason, notice } = event.data;
        const withdrawn = await targetData(tx, event, targetEventId);
        await logEntry(tx, event, { targetEventId, targetType, kind: 'retraction', reason, notice, before: withdrawn, after: null });
        return;
      }
      default:
        return;
    }
  }
}

interface LogEntry {
  targetEventId: string;
  targetType: string;
  kind: 'correction' | 'retraction';
  reason: string;
  notice: string | undefined;
  before: object;
  after: object | null;
}

async function logEntry(tx: ProjectionTransaction, event: StoryStreamEvent, entry: LogEntry): Promise<void> {
  await tx.query(
    `INSERT INTO corrections_log
       (event_id, story_id, position, target_event_id, target_type, kind, reason, notice, before, after, actor, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11::jsonb, $12)`,
    [
      event.eventId,
      event.storyId,
      event.position,
      entry.targetEventId,
      entry.targetType,
      entry.kind,
      entry.reason,
      entry.notice ?? null,
      JSON.stringify(entry.before),
      entry.after === null ? null : JSON.stringify(entry.after),
      JSON.stringify({ id: event.metadata.actorId, role: event.metadata.actorRole }),
      event.recordedAt,
    ],
  );
}

/** The target's current data; a target missing from its story means the log contradicts the rules: stop here, loudly. */
async function targetData(tx: ProjectionTransaction, event: StoryStreamEvent, targetEventId: string): Promise<object> {
  const [row] = await tx.query<{ data: object }>(`SELECT data FROM correction_targets WHERE event_id = $1 AND story_id = $2`, [
    targetEventId,
    event.storyId,
  ]);
  if (!row) throw new Error(`Event ${event.eventId} targets ${targetEventId}, which story ${event.storyId} does not have`);
  return row.data;
}
