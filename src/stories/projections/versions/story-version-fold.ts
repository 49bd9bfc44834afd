import { foldUntalliedFrom, withTallies } from '../../document';
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

/** A snapshot row's fold state, untallied (see `StorySnapshotRow`); `null` when there is none. */
export function snapshotOf(row: { document: UntalliedDocumentState['document'] | null; reports: UntalliedDocumentState['reports'] | null }): UntalliedDocumentState | null {
  return row.document === null || row.reports === null ? null : { document: row.document, reports: row.reports };
}

/**
 * The fold state after `rows`, in version order, folded from `state` (a snapshot: the state just
 * before the first row, or `null` when the rows start at the story's first version), its tallies
 * computed from its reports. `null` when the rows open no story. The one way "snapshot + version
 * rows" becomes a state, for the reads and (untallied, {@link foldUntalliedState}) for the
 * projection's own next batch alike.
 */
export function foldState(storyId: string, state: UntalliedDocumentState | null, rows: readonly VersionEventRow[]): StoryDocumentState | null {
  const folded = foldUntalliedState(storyId, state, rows);
  return folded === null ? null : withTallies(folded);
}

/** {@link foldState} without the tallies, for the projection's own next batch: it never computes them. */
export function foldUntalliedState(storyId: string, state: UntalliedDocumentState | null, rows: readonly VersionEventRow[]): UntalliedDocumentState | null {
  return foldUntalliedFrom(state, documentEventsOf(storyId, rows));
}

/** The document of {@link foldState}. */
export function foldVersion(storyId: string, state: UntalliedDocumentState | null, rows: readonly VersionEventRow[]): StoryDocument | null {
  return foldState(storyId, state, rows)?.document ?? null;
}

function documentEventsOf(storyId: string, rows: readonly VersionEventRow[]): DocumentEvent[] {
  const streamId = storyStreamId(storyId);
  return rows.map((row) => ({ ...row, streamId, recordedAt: new Date(row.recordedAt) }));
}
