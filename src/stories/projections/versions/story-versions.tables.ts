import type { ProjectionTransaction } from '../../../projections/projection';
import type { StoryDocument, StoryDocumentState } from '../../document';

/** A row of `story_versions` as the projection writes it. */
export interface StoryVersionRow {
  story_id: string;
  version: number;
  event_id: string;
  type: string;
  actor: string;
  recorded_at: string;
  summary: string;
  published: boolean;
  document: StoryDocument;
}

/**
 * Rows per INSERT: each carries a whole document, so a batch of hundreds of versions is sent in
 * slices rather than as one parameter of many megabytes.
 */
const ROWS_PER_INSERT = 50;

/** The latest state of each of these stories that has one. */
export async function loadStoryStates(tx: ProjectionTransaction, storyIds: readonly string[]): Promise<Map<string, StoryDocumentState>> {
  const rows = await tx.query<{ story_id: string; document: StoryDocumentState['document']; reports: StoryDocumentState['reports'] }>(
    `SELECT story_id, document, reports FROM story_documents WHERE story_id = ANY($1::text[])`,
    [storyIds],
  );
  return new Map(rows.map((row) => [row.story_id, { document: row.document, reports: row.reports }]));
}

export async function saveVersionRows(tx: ProjectionTransaction, rows: readonly StoryVersionRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    await tx.query(
      `INSERT INTO story_versions (story_id, version, event_id, type, actor, recorded_at, summary, published, document)
       SELECT story_id, version, event_id, type, actor, recorded_at, summary, published, document
         FROM jsonb_to_recordset($1::jsonb) AS row (story_id text, version integer, event_id uuid, type text, actor text,
                                                    recorded_at timestamptz, summary text, published boolean, document jsonb)`,
      [JSON.stringify(rows.slice(start, start + ROWS_PER_INSERT))],
    );
  }
}

export async function saveStoryStates(tx: ProjectionTransaction, states: ReadonlyMap<string, StoryDocumentState>): Promise<void> {
  if (states.size === 0) return;
  const rows = [...states].map(([storyId, state]) => ({ story_id: storyId, version: state.document.version, document: state.document, reports: state.reports }));
  await tx.query(
    `INSERT INTO story_documents (story_id, version, document, reports)
     SELECT story_id, version, document, reports
       FROM jsonb_to_recordset($1::jsonb) AS row (story_id text, version integer, document jsonb, reports jsonb)
     ON CONFLICT (story_id) DO UPDATE SET version = excluded.version, document = excluded.document, reports = excluded.reports`,
    [JSON.stringify(rows)],
  );
}
