import type { ProjectionTransaction } from '../../../projections/projection';
import type { StoryDocumentState } from '../../document';

/**
 * A snapshot of the fold state is kept at every version that is a multiple of this (see migration
 * 1764202700000 for the choice): reading any version folds fewer than this many rows.
 */
export const SNAPSHOT_EVERY = 64;

/** A row of `story_versions` as the projection writes it: the list's fields and what re-folds the version. */
export interface StoryVersionRow {
  story_id: string;
  version: number;
  event_id: string;
  type: string;
  actor: string;
  recorded_at: string;
  summary: string;
  published: boolean;
  position: number;
  data: Record<string, unknown>;
}

/** A row of `story_version_snapshots`: the fold state at a multiple of {@link SNAPSHOT_EVERY}. */
export interface StorySnapshotRow {
  story_id: string;
  version: number;
  document: StoryDocumentState['document'];
  reports: StoryDocumentState['reports'];
}

/** Event rows are small (no document): a slice keeps one parameter under a few megabytes even at the largest batch size. */
const VERSION_ROWS_PER_INSERT = 1_000;
/** Snapshots carry whole documents: sent in slices rather than one parameter of many megabytes. */
const DOCUMENTS_PER_INSERT = 50;

/** The latest state of each of these stories that has one. */
export async function loadStoryStates(tx: ProjectionTransaction, storyIds: readonly string[]): Promise<Map<string, StoryDocumentState>> {
  const rows = await tx.query<{ story_id: string; document: StoryDocumentState['document']; reports: StoryDocumentState['reports'] }>(
    `SELECT story_id, document, reports FROM story_documents WHERE story_id = ANY($1::text[])`,
    [storyIds],
  );
  return new Map(rows.map((row) => [row.story_id, { document: row.document, reports: row.reports }]));
}

export async function saveVersionRows(tx: ProjectionTransaction, rows: readonly StoryVersionRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += VERSION_ROWS_PER_INSERT) {
    await tx.query(
      `INSERT INTO story_versions (story_id, version, event_id, type, actor, recorded_at, summary, published, position, data)
       SELECT story_id, version, event_id, type, actor, recorded_at, summary, published, position, data
         FROM json_to_recordset($1::json) AS row (story_id text, version integer, event_id uuid, type text, actor text,
                                                    recorded_at timestamptz, summary text, published boolean, position bigint, data json)`,
      [JSON.stringify(rows.slice(start, start + VERSION_ROWS_PER_INSERT))],
    );
  }
}

export async function saveSnapshots(tx: ProjectionTransaction, rows: readonly StorySnapshotRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += DOCUMENTS_PER_INSERT) {
    await tx.query(
      `INSERT INTO story_version_snapshots (story_id, version, document, reports)
       SELECT story_id, version, document, reports
         FROM json_to_recordset($1::json) AS row (story_id text, version integer, document json, reports json)`,
      [JSON.stringify(rows.slice(start, start + DOCUMENTS_PER_INSERT))],
    );
  }
}

export async function saveStoryStates(tx: ProjectionTransaction, states: ReadonlyMap<string, StoryDocumentState>): Promise<void> {
  if (states.size === 0) return;
  const rows = [...states].map(([storyId, state]) => ({ story_id: storyId, version: state.document.version, document: state.document, reports: state.reports }));
  await tx.query(
    `INSERT INTO story_documents (story_id, version, document, reports)
     SELECT story_id, version, document, reports
       FROM json_to_recordset($1::json) AS row (story_id text, version integer, document json, reports json)
     ON CONFLICT (story_id) DO UPDATE SET version = excluded.version, document = excluded.document, reports = excluded.reports`,
    [JSON.stringify(rows)],
  );
}
