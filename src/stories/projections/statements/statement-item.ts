import type { Speaker, StatementMode, StatementRecordedData } from '../../story.events';

/** A statement as reads serve it (API.md "Reads"); absent optional fields are `null`. */
export interface StatementItem {
  eventId: string;
  speaker: Speaker;
  text: string;
  mode: StatementMode;
  channel: string | null;
  via: string | null;
  madeAt: string | null;
  corrected: boolean;
  retracted: boolean;
}

/** A statement found across stories: the same, with the story it belongs to. */
export type StatementSearchItem = StatementItem & { storyId: string };

/** The columns every statement read selects. */
export const STATEMENT_COLUMNS = 'event_id, story_id, position, data, corrected, retracted';

export interface StatementRow {
  event_id: string;
  story_id: string;
  position: string;
  data: StatementRecordedData;
  corrected: boolean;
  retracted: boolean;
}

export function toStatementItem({ event_id, data, corrected, retracted }: StatementRow): StatementItem {
  return {
    eventId: event_id,
    speaker: data.speaker,
    text: data.text,
    mode: data.mode,
    channel: data.channel ?? null,
    via: data.via ?? null,
    madeAt: data.madeAt ?? null,
    corrected,
    retracted,
  };
}

export function toStatementSearchItem(row: StatementRow): StatementSearchItem {
  return { storyId: row.story_id, ...toStatementItem(row) };
}
