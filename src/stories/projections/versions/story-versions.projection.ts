import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '../../../event-store/event-store.types';
import type { Projection, ProjectionTransaction } from '../../../projections/projection';
import { evolveDocument, summarizeEvent } from '../../document';
import type { StoryDocumentState } from '../../document';
import { STORY_EVENT_TYPES, storyIdFromStreamId } from '../../story.events';
import { loadStoryStates, saveSnapshots, saveStoryStates, saveVersionRows, SNAPSHOT_EVERY, StorySnapshotRow, StoryVersionRow } from './story-versions.tables';

/** Name in `projection_checkpoints` and in `@ProjectionRead('story_versions')`; never rename it. */
export const STORY_VERSIONS_PROJECTION = 'story_versions';

/**
 * Every version of every story: one row per version with the event it folds (not the document),
 * a snapshot of the fold state every {@link SNAPSHOT_EVERY} versions, and each story's latest
 * state, so that reads and diffs re-fold a few rows of these tables and never replay the event
 * store (migration 1764202700000 says what that trades). Per batch: the stories' latest states
 * are read once, each event is folded with `evolveDocument`, and the new version rows, snapshots
 * and latest states are written in a few statements.
 */
@Injectable()
export class StoryVersionsProjection implements Projection {
  readonly name = STORY_VERSIONS_PROJECTION;
  readonly handles = STORY_EVENT_TYPES;
  readonly tables = ['story_versions', 'story_version_snapshots', 'story_documents'];

  async apply(events: StoredEvent[], tx: ProjectionTransaction): Promise<void> {
    const eventsByStory = groupByStory(events);
    if (eventsByStory.size === 0) return;
    const states = await loadStoryStates(tx, [...eventsByStory.keys()]);
    const rows: StoryVersionRow[] = [];
    const snapshots: StorySnapshotRow[] = [];
    const changed = new Map<string, StoryDocumentState>();
    for (const [storyId, storyEvents] of eventsByStory) {
      let state = states.get(storyId) ?? null;
      for (const event of storyEvents) {
        const next = evolveDocument(state, event);
        // Events of a stream on which no story was opened describe no story: there is no version to record.
        if (next === null) continue;
        rows.push(versionRow(storyId, event, summarizeEvent(event, state)));
        if (event.version % SNAPSHOT_EVERY === 0) snapshots.push({ story_id: storyId, version: event.version, document: next.document, reports: next.reports });
        state = next;
      }
      if (state !== null && state !== states.get(storyId)) changed.set(storyId, state);
    }
    await saveVersionRows(tx, rows);
    await saveSnapshots(tx, snapshots);
    await saveStoryStates(tx, changed);
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

/** The batch's story events per story, in order; events of streams that are not stories' are left out. */
function groupByStory(events: readonly StoredEvent[]): Map<string, StoredEvent[]> {
  const grouped = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const storyId = storyIdFromStreamId(event.streamId);
    if (storyId === null) continue;
    const storyEvents = grouped.get(storyId) ?? [];
    storyEvents.push(event);
    grouped.set(storyId, storyEvents);
  }
  return grouped;
}
