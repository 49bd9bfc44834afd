import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '../../../event-store/event-store.types';
import type { Projection, ProjectionTransaction } from '../../../projections/projection';
import type { CasualtiesReportedData } from '../../story.events';
import { StoryTallyGroups } from '../../tallies/compute-tallies';
import type { TallyReport } from '../../tallies/compute-tallies';
import { saveTallies, StoryTallies } from './casualty-tally-groups.table';
import { CorrectableDevelopments, DevelopmentInBatch } from '../correctable-developments';
import { saveDevelopments } from '../development-rows';
import { groupByStory } from '../group-by-story';
import { OpenedStories } from '../opened-stories';
import type { StoryStreamEvent } from '../story-stream-event';
import { RecentStories } from '../recent-stories';

/**
 * The stories this projection has seen opened, one `casualty_tallies` row each (tallies `[]` until
 * a report arrives): its reads answer 404 for any other.
 */
export const casualtyTallyStories = new OpenedStories('casualty_tallies');

/**
 * $1 the touched stories, $2 the tag of each one's kept copy (NULL: none). The reports are read in
 * a subquery of their own (`OFFSET 0` keeps PostgreSQL from merging it into the join), where the
 * tag comparison gates the scan: a story whose kept copy is current has none of its reports read.
 * Written as a join condition, the comparison was checked after the scan, so every batch read
 * every report of every story it touched (5,000 on scenario 3's long story) to throw them away.
 */
export const READ_TAGS_AND_STALE_REPORTS = `
  SELECT t.story_id, t.through_position, r.event_id, r.position, r.recorded_at, r.data, r.corrected, r.retracted
    FROM unnest($1::uuid[], $2::bigint[]) AS s (story_id, kept)
    JOIN casualty_tallies t ON t.story_id = s.story_id
    LEFT JOIN LATERAL (
           SELECT event_id, position, recorded_at, data, corrected, retracted FROM casualty_reports
            WHERE story_id = s.story_id AND t.through_position IS DISTINCT FROM s.kept
           OFFSET 0) r ON true`;

/** A story's reports and tallies as they stood after every event up to `through` (see migration 1764203100000). */
interface KeptTallies {
  through: number;
  tallies: StoryTallyGroups;
}

/**
 * Keeps every casualty report of every story as it stands now (corrections applied, retraction
 * marked) in `casualty_reports`, and each story's tallies, computed from those rows by
 * `StoryTallyGroups`: per (party, category) the tally without its history as one JSON text in
 * `casualty_tally_groups` (migration 1764203200000), and per report its history entry in
 * `casualty_tally_history` (migration 1764203400000); a read joins them.
 *
 * A tally depends on all reports of its party and category (current by asOf, each source's latest,
 * disputes), and a correction can move a report to another party, so the tallies of every story a
 * batch touched are worked out from all its reports at the end of the batch, in the same
 * transaction. Those reports, and the groups computed from them, come from memory when this
 * instance kept them for the position the story's row says it was last applied through
 * (`through_position`: a story's reports up to a position are a pure fold of immutable events, so
 * a copy kept for the row's position is right whatever else wrote the tables — another instance,
 * a rebuild's copies through this instance, a batch that rolled back); then only the groups whose
 * reports the batch changed are recomputed and written. Otherwise the reports are read back from
 * `casualty_reports` and all of the story's groups are recomputed and replaced. Either way only the
 * history entries of the reports the batch changed are written: an entry depends on its report
 * alone, and every other report's entry was written with the row's tag.
 */
@Injectable()
export class CasualtyTalliesProjection implements Projection {
  static readonly NAME = 'casualty_tallies';
  readonly name = CasualtyTalliesProjection.NAME;
  readonly handles = ['StoryOpened', 'CasualtiesReported', 'CorrectionIssued', 'DevelopmentRetracted'];
  readonly tables = ['casualty_tallies', 'casualty_reports', 'casualty_tally_groups', 'casualty_tally_history'];
  private readonly kept = RecentStories.ofStories<KeptTallies>((kept) => kept.tallies.reportCount);

  async apply(stored: StoredEvent[], tx: ProjectionTransaction): Promise<void> {
    const events = await casualtyTallyStories.eventsOfOpenedStories(tx, stored);
    const reports = await CorrectableDevelopments.read<CasualtiesReportedData>(tx, 'casualty_reports', ['CasualtiesReported'], events);
    const touched = reports.fold(events);
    await saveDevelopments(tx, 'casualty_reports', touched);
    await this.recomputeTallies(tx, touched, lastReportChanges(events));
  }

  /**
   * Stores the tallies of the stories `touched` names, each tagged with the position of the last
   * event that changed its reports (`through`): the same tag whatever the batch boundaries, so an
   * incremental run and a rebuild store the same rows.
   */
  private async recomputeTallies(
    tx: ProjectionTransaction,
    touched: readonly DevelopmentInBatch<CasualtiesReportedData>[],
    through: ReadonlyMap<string, number>,
  ): Promise<void> {
    const touchedByStory = groupByStory(touched, (development) => development.storyId);
    const storyIds = [...touchedByStory.keys()];
    if (storyIds.length === 0) return;
    // Out of the cache while this batch changes them in place: remembered again only once written.
    const kept = new Map(storyIds.map((storyId) => [storyId, this.kept.take(storyId)]));
    // Each row's tag as it stood before this batch, and the report rows (this batch's writes
    // included) of only the stories whose kept copy is not at that tag.
    const rows = await tx.query<TaggedReportRow>(READ_TAGS_AND_STALE_REPORTS, [storyIds, storyIds.map((storyId) => kept.get(storyId)?.through ?? null)]);
    const current = new Map<string, StoryTallyGroups>();
    const readBack = new Map<string, TallyReport[]>();
    for (const row of rows) {
      const copy = kept.get(row.story_id);
      if (copy !== undefined && copy.through === Number(row.through_position)) {
        current.set(row.story_id, copy.tallies);
        continue;
      }
      const reports = readBack.get(row.story_id) ?? [];
      if (row.event_id !== null) reports.push(toTallyReport(row as CasualtyReportRow));
      readBack.set(row.story_id, reports);
    }
    const stories: StoryTallies[] = [];
    for (const [storyId, tallies] of current) {
      const entries = batchReports(tallies, touchedByStory.get(storyId)!, storyId);
      const changes = tallies.put(entries);
      stories.push({ storyId, through: tagOf(through, storyId), tallies, whole: false, entries, ...changes });
    }
    for (const [storyId, reports] of readBack) {
      const tallies = new StoryTallyGroups();
      const changes = tallies.put(reports);
      // The other reports' history rows were written by the batches that changed them, in the transaction that tagged the row.
      const changedByBatch = new Set(touchedByStory.get(storyId)!.map((development) => development.eventId));
      const entries = reports.filter((report) => changedByBatch.has(report.eventId));
      stories.push({ storyId, through: tagOf(through, storyId), tallies, whole: true, entries, ...changes });
    }
    await saveTallies(tx, stories);
    // Tagged like the row: if this transaction rolls back, the row keeps its old tag and the copy is never used.
    for (const { storyId, through, tallies } of stories) this.kept.remember(storyId, { through, tallies });
  }
}

/** Per story, the position of the batch's last event that changed its reports: a report, or a correction or retraction of one. */
function lastReportChanges(events: readonly StoryStreamEvent[]): Map<string, number> {
  const last = new Map<string, number>();
  for (const event of events) {
    const changesReports =
      event.type === 'CasualtiesReported' ||
      ((event.type === 'CorrectionIssued' || event.type === 'DevelopmentRetracted') && event.data.targetType === 'CasualtiesReported');
    if (changesReports) last.set(event.storyId, event.position);
  }
  return last;
}

function tagOf(through: ReadonlyMap<string, number>, storyId: string): number {
  const position = through.get(storyId);
  if (position === undefined) throw new Error(`Story ${storyId} had its casualty reports changed by no event of the batch`);
  return position;
}

/** The batch's recordings, corrections and retractions of one story (`touched`) as reports to put into its kept tallies, as `saveDevelopments` applies them to the rows. */
function batchReports(tallies: StoryTallyGroups, touched: readonly DevelopmentInBatch<CasualtiesReportedData>[], storyId: string): TallyReport[] {
  const reports: TallyReport[] = [];
  for (const development of touched) {
    const { recordedBy } = development;
    if (recordedBy !== null) {
      reports.push(
        tallyReportOf(development.eventId, recordedBy.position, recordedBy.recordedAt.toISOString(), inJsonbKeyOrder(development.data), development.corrected, development.retracted),
      );
      continue;
    }
    const before = tallies.report(development.eventId);
    if (before === undefined) throw new Error(`Casualty report ${development.eventId} of story ${storyId} is not among the reports kept for it`);
    reports.push(
      tallyReportOf(
        before.eventId,
        before.position,
        before.recordedAt,
        inJsonbKeyOrder(development.data),
        before.corrected || development.corrected,
        before.retracted || development.retracted,
      ),
    );
  }
  return reports;
}

/**
 * `value` with every object's keys in the order PostgreSQL's jsonb keeps them (shorter first, then
 * byte order): the order a report read back from `casualty_reports` has, so tallies computed from a
 * kept copy serialize to exactly the text computed from the rows (a correction's merge appends keys).
 */
function inJsonbKeyOrder<Value>(value: Value): Value {
  if (Array.isArray(value)) return value.map(inJsonbKeyOrder) as Value;
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort((left, right) => Buffer.byteLength(left) - Buffer.byteLength(right) || Buffer.compare(Buffer.from(left), Buffer.from(right)));
  return Object.fromEntries(keys.map((key) => [key, inJsonbKeyOrder((value as Record<string, unknown>)[key])])) as Value;
}

/** A report row, and the story's tag, as the recompute selects them (`event_id` null: a story without reports, or one whose kept copy is used). */
type TaggedReportRow = { through_position: string } & { [Column in keyof CasualtyReportRow]: CasualtyReportRow[Column] | null } & { story_id: string };

interface CasualtyReportRow {
  event_id: string;
  story_id: string;
  position: string;
  recorded_at: Date;
  data: CasualtiesReportedData;
  corrected: boolean;
  retracted: boolean;
}

function toTallyReport({ event_id, position, recorded_at, data, corrected, retracted }: CasualtyReportRow): TallyReport {
  return tallyReportOf(event_id, Number(position), recorded_at.toISOString(), data, corrected, retracted);
}

/** `recordedAt` as ISO-8601 UTC. */
function tallyReportOf(eventId: string, position: number, recordedAt: string, data: CasualtiesReportedData, corrected: boolean, retracted: boolean): TallyReport {
  const { party, category, figure, status, source, asOf } = data;
  return { eventId, position, recordedAt, party, category, figure, status, source, asOf, corrected, retracted };
}
