import { DocumentStatement, documentStatement } from '../../document/story-document';
import type { StatementRecordedData } from '../../story.events';

/** A statement as reads serve it (API.md "Reads"): the same shape the story document carries. */
export type StatementItem = DocumentStatement;

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
  return documentStatement(event_id, data, { corrected, retracted });
}

export function toStatementSearchItem(row: StatementRow): StatementSearchItem {
  return { storyId: row.story_id, ...toStatementItem(row) };
}
