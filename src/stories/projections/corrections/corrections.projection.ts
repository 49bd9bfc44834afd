import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '../../../event-store/event-store.types';
import type { Projection, ProjectionTransaction } from '../../../projections/projection';
import { CORRECTABLE_TYPES } from '../../story';
import { CorrectableDevelopments } from '../correctable-developments';
import { OpenedStories } from '../opened-stories';
import { insertRows, updateRows } from '../recordset';
import type { StoryStreamEvent } from '../story-stream-event';

/** The stories this projection has seen opened: its per-story read answers 404 for any other. */
export const correctionStories = new OpenedStories('correction_stories');

const LOG_COLUMNS = {
  event_id: 'uuid',
  story_id: 'uuid',
  position: 'bigint',
  target_event_id: 'uuid',
  target_type: 'text',
  kind: 'text',
  reason: 'text',
  notice: 'text',
  before: 'jsonb',
  after: 'jsonb',
  actor: 'jsonb',
  recorded_at: 'timestamptz',
};

/**
 * The public corrections log: one row per correction or retraction, with what was wrong (`before`)
 * and what replaced it (`after`). A correction event carries both already; a retraction carries
 * neither, so the projection keeps every correctable development's current data in
 * `correction_targets` to say what was withdrawn. A batch is folded in memory, in order (a
 * retraction sees the corrections before it), and written with a handful of statements.
 */
@Injectable()
export class CorrectionsProjection implements Projection {
  static readonly NAME = 'corrections';
  readonly name = CorrectionsProjection.NAME;
  readonly handles = ['StoryOpened', 'CasualtiesReported', 'StatementRecorded', 'CorrectionIssued', 'DevelopmentRetracted'];
  readonly tables = ['correction_stories', 'correction_targets', 'corrections_log'];

  async apply(stored: StoredEvent[], tx: ProjectionTransaction): Promise<void> {
    const events = await correctionStories.eventsOfOpenedStories(tx, stored);
    const targets = await CorrectableDevelopments.read<object>(tx, 'correction_targets', CORRECTABLE_TYPES, events);
    const log: object[] = [];
    const touched = targets.fold(events, {
      corrected(event) {
        const { targetEventId, targetType, changes, before, reason, notice } = event.data;
        log.push(logEntry(event, { targetEventId, targetType, kind: 'correction', reason, notice, before, after: changes }));
      },
      retracted(event, withdrawn) {
        const { targetEventId, targetType, reason, notice } = event.data;
        log.push(logEntry(event, { targetEventId, targetType, kind: 'retraction', reason, notice, before: withdrawn, after: null }));
      },
    });
    const recorded = touched.filter((target) => target.recordedBy !== null);
    await insertRows(tx, 'correction_targets', { event_id: 'uuid', story_id: 'uuid', data: 'jsonb' }, recorded.map(({ eventId, storyId, data }) => ({ event_id: eventId, story_id: storyId, data })));
    const corrected = touched.filter((target) => target.recordedBy === null && target.corrected);
    await updateRows(tx, 'correction_targets', 'event_id', { event_id: 'uuid', data: 'jsonb' }, 'data = r.data', corrected.map(({ eventId, data }) => ({ event_id: eventId, data })));
    await insertRows(tx, 'corrections_log', LOG_COLUMNS, log);
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

/** A `corrections_log` row, keyed by column. */
function logEntry(event: StoryStreamEvent, entry: LogEntry): object {
  return {
    event_id: event.eventId,
    story_id: event.storyId,
    position: event.position,
    target_event_id: entry.targetEventId,
    target_type: entry.targetType,
    kind: entry.kind,
    reason: entry.reason,
    notice: entry.notice ?? null,
    before: entry.before,
    after: entry.after,
    actor: { id: event.metadata.actorId, role: event.metadata.actorRole },
    recorded_at: event.recordedAt,
  };
}
