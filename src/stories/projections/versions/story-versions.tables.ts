import type { ProjectionTransaction } from '../../../projections/projection';
import type { UntalliedDocumentState } from '../../document';
import { foldUntalliedState, snapshotOf, VERSION_EVENT_ROWS_JSON, VersionEventRow } from './story-version-fold';

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

/**
 * A row of `story_version_snapshots`: the fold state at a multiple of {@link SNAPSHOT_EVERY},
 * untallied. The tallies are not kept (`tallies` is written empty, keeping its place among the
 * document's keys): they are a function of `reports`, which the snapshot keeps, and were half of
 * every snapshot's bytes; a reader computes them (see `foldState`), and ignores the tallies of a
 * snapshot written before they were left out.
 */
export interface StorySnapshotRow {
  story_id: string;
  version: number;
  document: UntalliedDocumentState['document'] & { tallies: [] };
  reports: UntalliedDocumentState['reports'];
}

/** Event rows are small (no document): a slice keeps one parameter under a few megabytes even at the largest batch size. */
const VERSION_ROWS_PER_INSERT = 1_000;
/** Snapshots carry whole documents: sent in slices rather than one parameter of many megabytes. */
const DOCUMENTS_PER_INSERT = 50;

/**
 * The latest state of each of these stories in the tables this transaction writes (`null`: the
 * tables hold no version of it), untallied: the projection computes tallies only for a snapshot.
 * `cached` offers, per story, a state the caller kept from an earlier batch: it is used only if
 * its version is the story's head version here, since a state is a pure fold of immutable events,
 * the state at the head version is right whatever wrote the tables (another instance, a rebuild
 * into other tables, a batch rolled back after the cache was filled). One query for the whole
 * batch: each story's head version (`max(version)`, a primary-key lookup) and, only where the
 * cached state is not at it, the nearest snapshot and the fewer than {@link SNAPSHOT_EVERY} rows
 * after it, folded as the reader folds them but untallied (`foldUntalliedState`).
 */
export async function loadLatestStates(
  tx: ProjectionTransaction,
  cached: ReadonlyMap<string, UntalliedDocumentState | undefined>,
): Promise<Map<string, UntalliedDocumentState | null>> {
  const storyIds = [...cached.keys()];
  const cachedVersions = storyIds.map((storyId) => cached.get(storyId)?.document.version ?? null);
  const rows = await tx.query<LatestStateRow>(
    `SELECT touched.story_id, head.version AS head, state.document, state.reports, pending.version_rows
       FROM unnest($1::text[], $2::integer[]) AS touched (story_id, cached)
      CROSS JOIN LATERAL (SELECT max(version) AS version FROM story_versions WHERE story_id = touched.story_id) head
       LEFT JOIN LATERAL (
              SELECT version, document, reports FROM story_version_snapshots
               WHERE story_id = touched.story_id AND version <= head.version AND head.version IS DISTINCT FROM touched.cached
               ORDER BY version DESC LIMIT 1) state ON true
       LEFT JOIN LATERAL (
              SELECT ${VERSION_EVENT_ROWS_JSON} AS version_rows
                FROM story_versions row
               WHERE row.story_id = touched.story_id AND row.version > coalesce(state.version, 0) AND head.version IS DISTINCT FROM touched.cached) pending ON true`,
    [storyIds, cachedVersions],
  );
  const states = new Map<string, UntalliedDocumentState | null>();
  for (const row of rows) {
    const offered = cached.get(row.story_id);
    if (offered !== undefined && offered.document.version === row.head) {
      states.set(row.story_id, offered);
      continue;
    }
    states.set(row.story_id, foldUntalliedState(row.story_id, snapshotOf(row), row.version_rows ?? []));
  }
  return states;
}

/** A touched story's head version and, when its cached state is not at it, what rebuilds that state. */
interface LatestStateRow {
  story_id: string;
  head: number | null;
  document: UntalliedDocumentState['document'] | null;
  reports: UntalliedDocumentState['reports'] | null;
  version_rows: VersionEventRow[] | null;
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
