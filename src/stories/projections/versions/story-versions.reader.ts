import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MAX_STREAM_VERSION } from '../../../event-store/event-store.types';
import type { StoryDocument, UntalliedDocumentState } from '../../document';
import { foldVersion, snapshotOf, VERSION_EVENT_ROWS_JSON, VersionEventRow } from './story-version-fold';

/** One line of a story's version list (API.md `GET /stories/:id/versions`). */
export interface StoryVersionItem {
  version: number;
  eventId: string;
  type: string;
  /** The id of the principal whose request recorded the event. */
  actor: string;
  recordedAt: string;
  summary: string;
  /** This version is a publication (a `StoryPublished` event). */
  published: boolean;
}

/** What the version keywords can name in one story. */
export interface StoryVersionMarks {
  latest: number;
  /** Published versions, newest first: at most the two the keywords can name. */
  latestPublished: number[];
}

interface VersionItemRow {
  version: number;
  event_id: string;
  type: string;
  actor: string;
  recorded_at: Date;
  summary: string;
  published: boolean;
}

/** The SQL of the story_versions projection's reads: every one index lookups on its own tables, none a replay of the event store. */
@Injectable()
export class StoryVersionsReader {
  constructor(private readonly dataSource: DataSource) {}

  /** The latest document, or `null` for a story the projection does not know. */
  async currentDocument(storyId: string): Promise<StoryDocument | null> {
    const [document] = (await this.foldedAt(storyId, LATEST_VERSION, [storyId])).values();
    return document ?? null;
  }

  /** The story's latest version and its two latest published ones, or `null` for an unknown story. */
  async marks(storyId: string): Promise<StoryVersionMarks | null> {
    const [row]: { latest: number | null; published: number[] }[] = await this.dataSource.query(
      `SELECT max(version) AS latest,
              ARRAY(SELECT version FROM story_versions WHERE story_id = $1 AND published ORDER BY version DESC LIMIT 2) AS published
         FROM story_versions WHERE story_id = $1`,
      [storyId],
    );
    return row.latest === null ? null : { latest: row.latest, latestPublished: row.published };
  }

  /** Up to `limit` versions after `after`, in version order, optionally publications only. */
  async versions(storyId: string, options: { after: number; limit: number; publishedOnly: boolean }): Promise<StoryVersionItem[]> {
    const rows: VersionItemRow[] = await this.dataSource.query(
      `SELECT version, event_id, type, actor, recorded_at, summary, published
         FROM story_versions
        WHERE story_id = $1 AND version > $2 ${options.publishedOnly ? 'AND published' : ''}
        ORDER BY version
        LIMIT $3`,
      [storyId, options.after, options.limit],
    );
    return rows.map(toVersionItem);
  }

  /**
   * The documents at these versions, by version; a version the story does not have is absent.
   * One query whatever the versions (see {@link foldedAt}).
   */
  async documentsAt(storyId: string, versions: readonly number[]): Promise<Map<number, StoryDocument>> {
    // Past the `integer` column's range no version can exist (and PostgreSQL would refuse the parameter).
    const possible = [...new Set(versions.filter((version) => version <= MAX_STREAM_VERSION))];
    if (possible.length === 0) return new Map();
    return this.foldedAt(storyId, LISTED_VERSIONS, [storyId, possible]);
  }

  /**
   * For each target version (`targets`, a FROM item naming `target (version)`): the nearest
   * snapshot at or below it and the event rows after it up to the version (fewer than
   * `SNAPSHOT_EVERY`), re-folded here, the tallies computed from the reports (a snapshot keeps none).
   */
  private async foldedAt(storyId: string, targets: string, params: unknown[]): Promise<Map<number, StoryDocument>> {
    const rows: StoredStateRow[] = await this.dataSource.query(
      `SELECT target.version AS target, state.document, state.reports, pending.version_rows
         FROM ${targets}
         LEFT JOIN LATERAL (
                SELECT version, document, reports FROM story_version_snapshots
                 WHERE story_id = $1 AND version <= target.version ORDER BY version DESC LIMIT 1) state ON true
         LEFT JOIN LATERAL (
                SELECT ${VERSION_EVENT_ROWS_JSON} AS version_rows
                  FROM story_versions row
                 WHERE row.story_id = $1 AND row.version > coalesce(state.version, 0) AND row.version <= target.version) pending ON true`,
      params,
    );
    const documents = new Map<number, StoryDocument>();
    for (const row of rows) {
      const document = foldVersion(storyId, snapshotOf(row), row.version_rows ?? []);
      if (document !== null && document.version === row.target) documents.set(row.target, document);
    }
    return documents;
  }
}

/** The versions asked for ($2). */
const LISTED_VERSIONS = 'unnest($2::integer[]) AS target (version)';
/** The story's latest version (none, a NULL, for a story the projection does not know). */
const LATEST_VERSION = '(SELECT max(version) AS version FROM story_versions WHERE story_id = $1) AS target';

/** A version's nearest snapshot (none before the first) and the rows after it, `null` when none. */
interface StoredStateRow {
  target: number;
  document: UntalliedDocumentState['document'] | null;
  reports: UntalliedDocumentState['reports'] | null;
  version_rows: VersionEventRow[] | null;
}

function toVersionItem(row: VersionItemRow): StoryVersionItem {
  return {
    version: row.version,
    eventId: row.event_id,
    type: row.type,
    actor: row.actor,
    recordedAt: new Date(row.recorded_at).toISOString(),
    summary: row.summary,
    published: row.published,
  };
}
