import { foldDocumentFrom } from '../../document';
import type { StoryDocument, StoryDocumentState } from '../../document';
import { storyStreamId } from '../../story.events';

/** A `story_versions` row as the reader selects it for re-folding (`recordedAt` as JSON renders a timestamptz). */
export interface VersionEventRow {
  version: number;
  eventId: string;
  type: string;
  position: number;
  recordedAt: string;
  data: Record<string, unknown>;
}

/**
 * The document at `target`: `snapshot` (the state at the nearest snapshot below, or `null` when
 * there is none and `rows` start at the story's first version) folded with the rows after it, in
 * version order. `null` when the rows do not reach `target`: the story has no such version.
 */
export function foldVersion(storyId: string, snapshot: StoryDocumentState | null, rows: readonly VersionEventRow[], target: number): StoryDocument | null {
  const streamId = storyStreamId(storyId);
  const state = foldDocumentFrom(snapshot, rows.map((row) => ({ ...row, streamId, recordedAt: new Date(row.recordedAt) })));
  return state !== null && state.document.version === target ? state.document : null;
}
