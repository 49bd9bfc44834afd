import { foldDocumentFrom, foldUntalliedFrom } from '../../document';
import type { DocumentEvent, StoryDocument, StoryDocumentState, UntalliedDocumentState } from '../../document';
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

/** In SQL over `story_versions` rows aliased `row`: those rows as a JSON array of {@link VersionEventRow}, in version order. */
export const VERSION_EVENT_ROWS_JSON = `json_agg(json_build_object('version', row.version, 'eventId', row.event_id, 'type', row.type, 'position', row.position,
                                    'recordedAt', row.recorded_at, 'data', row.data) ORDER BY row.version)`;

/** A snapshot row's fold state, `null` when there is none (no snapshot, or its reports were not selected). */
export function snapshotOf(row: { document: StoryDocument | null; reports: StoryDocumentState['reports'] | null }): StoryDocumentState | null {
  return row.document === null || row.reports === null ? null : { document: row.document, reports: row.reports };
}

/**
 * The fold state after `rows`, in version order, folded from `state` (a snapshot: the state just
 * before the first row, or `null` when the rows start at the story's first version). `null` when
 * the rows open no story. The one way "snapshot + version rows" becomes a state, for the reads and
 * (untallied, {@link foldUntalliedState}) for the projection's own next batch alike.
 */
export function foldState(storyId: string, state: StoryDocumentState | null, rows: readonly VersionEventRow[]): StoryDocumentState | null {
  return foldDocumentFrom(state, documentEventsOf(storyId, rows));
}

/** {@link foldState} without the tallies, for the projection's own next batch: it computes them only for a snapshot. */
export function foldUntalliedState(storyId: string, state: UntalliedDocumentState | null, rows: readonly VersionEventRow[]): UntalliedDocumentState | null {
  return foldUntalliedFrom(state, documentEventsOf(storyId, rows));
}

/** The document of {@link foldState}. */
export function foldVersion(storyId: string, state: StoryDocumentState | null, rows: readonly VersionEventRow[]): StoryDocument | null {
  return foldState(storyId, state, rows)?.document ?? null;
}

function documentEventsOf(storyId: string, rows: readonly VersionEventRow[]): DocumentEvent[] {
  const streamId = storyStreamId(storyId);
  return rows.map((row) => ({ ...row, streamId, recordedAt: new Date(row.recordedAt) }));
}
