import type { CorrectableType } from '../../story.events';

/**
 * An entry of the corrections log (API.md "Reads"). For a correction, `before` and `after` hold
 * only the corrected fields, `null` meaning "absent" (a field added or removed); for a retraction,
 * `before` is the whole withdrawn development as it stood (corrections applied) and `after` is `null`.
 * `actor` is who issued it, from the event's metadata.
 */
export interface CorrectionItem {
  eventId: string;
  storyId: string;
  targetEventId: string;
  targetType: CorrectableType;
  kind: 'correction' | 'retraction';
  reason: string;
  notice: string | null;
  before: Record<string, unknown>;
  after: Record<string, unknown> | null;
  actor: { id: string; role: string };
  recordedAt: string;
}

export const CORRECTION_COLUMNS = 'event_id, story_id, position, target_event_id, target_type, kind, reason, notice, before, after, actor, recorded_at';

export interface CorrectionRow {
  event_id: string;
  story_id: string;
  position: string;
  target_event_id: string;
  target_type: CorrectableType;
  kind: CorrectionItem['kind'];
  reason: string;
  notice: string | null;
  before: Record<string, unknown>;
  after: Record<string, unknown> | null;
  actor: CorrectionItem['actor'];
  recorded_at: Date;
}

export function toCorrectionItem(row: CorrectionRow): CorrectionItem {
  return {
    eventId: row.event_id,
    storyId: row.story_id,
    targetEventId: row.target_event_id,
    targetType: row.target_type,
    kind: row.kind,
    reason: row.reason,
    notice: row.notice,
    before: row.before,
    after: row.after,
    actor: row.actor,
    recordedAt: row.recorded_at.toISOString(),
  };
}
