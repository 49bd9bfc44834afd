import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '../../../event-store/event-store.types';
import type { Projection, ProjectionTransaction } from '../../../projections/projection';
import type { CasualtiesReportedData } from '../../story.events';
import { TallyReport, computeTallies } from '../../tallies/compute-tallies';
import { CorrectableDevelopments, DevelopmentInBatch } from '../correctable-developments';
import { saveDevelopments } from '../development-rows';
import { OpenedStories } from '../opened-stories';
import type { StoryStreamEvent } from '../story-stream-event';
import { RecentStories } from '../recent-stories';

/**
 * The stories this projection has seen opened, one `casualty_tallies` row each (tallies `[]` until
 * a report arrives): its reads answer 404 for any other.
 */
export const casualtyTallyStories = new OpenedStories('casualty_tallies');

/** A story's reports as they stood after every event up to `through` (see migration 1764203100000). */
interface KeptReports {
  through: number;
  reports: TallyReport[];
}

/**
 * Keeps every casualty report of every story as it stands now (corrections applied, retraction
 * marked) in `casualty_reports`, and each story's tallies, computed from those rows by
 * `computeTallies`, as JSON text in `casualty_tallies`: a read is one primary-key lookup.
 *
 * A tally depends on all reports of its party and category (current by asOf, each source's latest,
 * disputes), and a correction can move a report to another party, so the tallies of every story a
 * batch touched are recomputed from all its reports at the end of the batch, in the same
 * transaction. Those reports come from memory when this instance kept them for the position the
 * story's row says it was last applied through (`through_position`: a story's reports up to a
 * position are a pure fold of immutable events, so a copy kept for the row's position is right
 * whatever else wrote the tables — another instance, a rebuild's copies through this instance, a
 * batch that rolled back), else from `casualty_reports`.
 */
@Injectable()
export class CasualtyTalliesProjection implements Projection {
  static readonly NAME = 'casualty_tallies';
  readonly name = CasualtyTalliesProjection.NAME;
  readonly handles = ['StoryOpened', 'CasualtiesReported', 'CorrectionIssued', 'DevelopmentRetracted'];
  readonly tables = ['casualty_tallies', 'casualty_reports'];
  private readonly kept = new RecentStories<KeptReports>();

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
    const storyIds = [...new Set(touched.map((report) => report.storyId))];
    if (storyIds.length === 0) return;
    const kept = new Map(storyIds.map((storyId) => [storyId, this.kept.get(storyId)]));
    // Each row's tag as it stood before this batch, and the report rows (this batch's writes
    // included) of only the stories whose kept copy is not at that tag.
    const rows = await tx.query<TaggedReportRow>(
      `SELECT t.story_id, t.through_position, r.event_id, r.position, r.recorded_at, r.data, r.corrected, r.retracted
         FROM unnest($1::uuid[], $2::bigint[]) AS s (story_id, kept)
         JOIN casualty_tallies t ON t.story_id = s.story_id
         LEFT JOIN casualty_reports r ON r.story_id = s.story_id AND t.through_position IS DISTINCT FROM s.kept`,
      [storyIds, storyIds.map((storyId) => kept.get(storyId)?.through ?? null)],
    );
    const reportsByStory = new Map<string, TallyReport[]>();
    for (const row of rows) {
      const copy = kept.get(row.story_id);
      if (copy !== undefined && copy.through === Number(row.through_position)) {
        reportsByStory.set(row.story_id, withBatch(copy.reports, touched, row.story_id));
        continue;
      }
      const reports = reportsByStory.get(row.story_id) ?? [];
      if (row.event_id !== null) reports.push(toTallyReport(row as CasualtyReportRow));
      reportsByStory.set(row.story_id, reports);
    }
    // One triple of plain parameters per story: a text[] would be escaped element by element on
    // both ends, and these texts run to tens of kilobytes per story.
    const stories = [...reportsByStory.entries()].map(([storyId, reports]) => ({ storyId, reports, through: tagOf(through, storyId) }));
    const values = stories.flatMap(({ storyId, reports, through }) => [storyId, JSON.stringify(computeTallies(reports)), through]);
    const triples = stories.map((_, index) => `($${3 * index + 1}::uuid, $${3 * index + 2}::text, $${3 * index + 3}::bigint)`).join(', ');
    await tx.query(
      `UPDATE casualty_tallies AS t SET tallies = u.tallies, through_position = u.through
         FROM (VALUES ${triples}) AS u (story_id, tallies, through) WHERE t.story_id = u.story_id`,
      values,
    );
    // Tagged like the row: if this transaction rolls back, the row keeps its old tag and the copy is never used.
    for (const { storyId, reports, through } of stories) this.kept.remember(storyId, { through, reports });
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

/** A kept copy of a story's reports with the batch's recordings, corrections and retractions of the story applied, as `saveDevelopments` applies them to the rows. */
function withBatch(reports: readonly TallyReport[], touched: readonly DevelopmentInBatch<CasualtiesReportedData>[], storyId: string): TallyReport[] {
  const next = [...reports];
  const indexOf = new Map(next.map((report, index) => [report.eventId, index]));
  for (const development of touched) {
    if (development.storyId !== storyId) continue;
    const { recordedBy } = development;
    if (recordedBy !== null) {
      next.push(
        tallyReportOf(development.eventId, recordedBy.position, recordedBy.recordedAt.toISOString(), inJsonbKeyOrder(development.data), development.corrected, development.retracted),
      );
      continue;
    }
    const index = indexOf.get(development.eventId);
    if (index === undefined) throw new Error(`Casualty report ${development.eventId} of story ${storyId} is not among the reports kept for it`);
    const before = next[index];
    next[index] = tallyReportOf(
      before.eventId,
      before.position,
      before.recordedAt,
      inJsonbKeyOrder(development.data),
      before.corrected || development.corrected,
      before.retracted || development.retracted,
    );
  }
  return next;
}

/**
 * `value` with every object's keys in the order PostgreSQL's jsonb keeps them (shorter first, then
 * byte order): the order a report read back from `casualty_reports` has, so tallies computed from a
 * kept copy serialize to exactly the text computed from the rows (a correction's merge appends keys).
 */
export function inJsonbKeyOrder<Value>(value: Value): Value {
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
