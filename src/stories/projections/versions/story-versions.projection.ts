import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '../../../event-store/event-store.types';
import type { Projection, ProjectionTransaction } from '../../../projections/projection';
import { foldUntalliedFrom, summarizeEvent } from '../../document';
import type { UntalliedDocumentState } from '../../document';
import { STORY_EVENT_TYPES, storyIdFromStreamId } from '../../story.events';
import { groupByStory } from '../group-by-story';
import { RecentStories } from '../recent-stories';
import { loadLatestStates, saveSnapshots, saveVersionRows, SNAPSHOT_EVERY, StorySnapshotRow, StoryVersionRow } from './story-versions.tables';

/** Name in `projection_checkpoints` and in `@ProjectionRead('story_versions')`; never rename it. */
export const STORY_VERSIONS_PROJECTION = 'story_versions';

/**
 * Every version of every story: one row per version with the event it folds (not the document) and
 * a snapshot of the fold state every {@link SNAPSHOT_EVERY} versions, so that reads and diffs
 * re-fold a few rows of these tables and never replay the event store (migration 1764202700000
 * says what that trades). A story's latest state is not stored (migration 1764202900000 says why):
 * it is its nearest snapshot plus the rows after it, as for any version.
 *
 * Per batch: one query gives each touched story's latest state (see `loadLatestStates`), taken
 * from this instance's cache of recent states when the cached one is at the story's head version
 * in the tables this transaction writes, else re-folded from the tables. Each story's events are
 * then folded untallied — the projection never computes tallies: a snapshot keeps the reports they
 * are computed from, and a reader computes them — and the new version rows and snapshots are
 * written in a few statements.
 */
@Injectable()
export class StoryVersionsProjection implements Projection {
  readonly name = STORY_VERSIONS_PROJECTION;
  readonly handles = STORY_EVENT_TYPES;
  readonly tables = ['story_versions', 'story_version_snapshots'];
  /**
   * Recent stories' latest fold states, per instance. A state is the state AT ITS VERSION
   * (`document.version`), a pure fold of immutable events: right whatever the tables hold, but the
   * story's latest only if that is the head version in the tables a batch writes, which
   * `loadLatestStates` checks before using it. Untallied (its `document.tallies` lags its reports):
   * the type lets nothing read them, and a snapshot is written with none.
   */
  private readonly latestStates = RecentStories.ofStories<UntalliedDocumentState>((state) => state.reports.length);

  async apply(events: StoredEvent[], tx: ProjectionTransaction): Promise<void> {
    // Events of streams that are not stories' are left out.
    const eventsByStory = groupByStory(events, (event) => storyIdFromStreamId(event.streamId));
    if (eventsByStory.size === 0) return;
    // Taken now: a rebuild may apply another batch through this instance meanwhile.
    const cached = new Map([...eventsByStory.keys()].map((storyId) => [storyId, this.latestStates.get(storyId)]));
    const states = await loadLatestStates(tx, cached);
    const rows: StoryVersionRow[] = [];
    const snapshots: StorySnapshotRow[] = [];
    const latest = new Map<string, UntalliedDocumentState>();
    for (const [storyId, storyEvents] of eventsByStory) {
      let state = states.get(storyId) ?? null;
      for (const stretch of stretchesEndingAtSnapshots(storyEvents)) {
        // Events of a stream on which no story was opened describe no story: the fold visits only those that make a version.
        state = foldUntalliedFrom(state, stretch, (event, prior) => rows.push(versionRow(storyId, event, summarizeEvent(event, prior))));
        const version = stretch[stretch.length - 1].version;
        if (version % SNAPSHOT_EVERY === 0 && state?.document.version === version) {
          snapshots.push({ story_id: storyId, version, document: { ...state.document, tallies: [] }, reports: state.reports });
        }
      }
      if (state !== null) latest.set(storyId, state);
    }
    await saveVersionRows(tx, rows);
    await saveSnapshots(tx, snapshots);
    // Each state is tagged with its version, so a batch that rolls back after this leaves entries
    // that simply match no head version.
    for (const [storyId, state] of latest) this.latestStates.remember(storyId, state);
  }
}

function versionRow(storyId: string, event: StoredEvent, summary: string): StoryVersionRow {
  return {
    story_id: storyId,
    version: event.version,
    event_id: event.eventId,
    type: event.type,
    actor: event.metadata.actorId,
    recorded_at: event.recordedAt.toISOString(),
    summary,
    published: event.type === 'StoryPublished',
    position: event.position,
    data: event.data,
  };
}

/** A story's events cut after each version that is a multiple of {@link SNAPSHOT_EVERY}, where a snapshot is taken. */
function stretchesEndingAtSnapshots(events: readonly StoredEvent[]): StoredEvent[][] {
  const stretches: StoredEvent[][] = [[]];
  for (const event of events) {
    stretches[stretches.length - 1].push(event);
    if (event.version % SNAPSHOT_EVERY === 0) stretches.push([]);
  }
  return stretches.filter((stretch) => stretch.length > 0);
}
