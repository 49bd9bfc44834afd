import type { ProjectionTransaction } from '../../projections/projection';
import { applyCorrection } from '../story';
import type { CorrectableType } from '../story.events';
import type { StoryStreamEvent } from './story-stream-event';

type CorrectionEvent = Extract<StoryStreamEvent, { type: 'CorrectionIssued' }>;
type RetractionEvent = Extract<StoryStreamEvent, { type: 'DevelopmentRetracted' }>;

/** A correctable development (a casualty report, a statement) as one batch leaves it. */
export interface DevelopmentInBatch<Data> {
  eventId: string;
  storyId: string;
  /** Its data now: every correction up to the end of the batch applied. */
  data: Data;
  /** The event that recorded it when that event is in this batch (its row is new), else `null` (its row is stored). */
  recordedBy: StoryStreamEvent | null;
  /** A correction in this batch changed it. */
  corrected: boolean;
  /** A retraction in this batch withdrew it. */
  retracted: boolean;
}

/** What a projection that logs corrections and retractions hears during the fold, in event order. */
export interface DevelopmentListener<Data> {
  corrected?(event: CorrectionEvent, after: Data): void;
  retracted?(event: RetractionEvent, withdrawn: Data): void;
}

const TARGET_NOUNS: Record<CorrectableType, string> = { CasualtiesReported: 'casualty report ', StatementRecorded: 'statement ' };

/**
 * Folds one batch's recordings, corrections and retractions of correctable developments in
 * memory, in event order, so a projection writes the outcome with a few set-based statements:
 * a correction sees a development recorded earlier in the batch and the corrections before it.
 * The stored ones the batch targets are read once, from a projection table with `event_id`,
 * `story_id` and `data` columns.
 */
export class CorrectableDevelopments<Data extends object> {
  private readonly developments = new Map<string, DevelopmentInBatch<Data>>();

  private constructor(private readonly types: readonly CorrectableType[]) {}

  /** Reads the rows of `table` that the batch's corrections and retractions of `types` target. */
  static async read<Data extends object>(
    tx: ProjectionTransaction,
    table: string,
    types: readonly CorrectableType[],
    events: readonly StoryStreamEvent[],
  ): Promise<CorrectableDevelopments<Data>> {
    const batch = new CorrectableDevelopments<Data>(types);
    const targets = new Set(events.map((event) => batch.targetOf(event)).filter((target) => target !== null));
    if (targets.size === 0) return batch;
    const rows = await tx.query<{ event_id: string; story_id: string; data: Data }>(
      `SELECT event_id, story_id, data FROM ${table} WHERE event_id = ANY($1::uuid[])`,
      [[...targets]],
    );
    for (const row of rows) {
      batch.developments.set(row.event_id, { eventId: row.event_id, storyId: row.story_id, data: row.data, recordedBy: null, corrected: false, retracted: false });
    }
    return batch;
  }

  /**
   * Applies the events in order and returns every development the batch recorded, corrected or
   * retracted, as it stands at the end.
   *
   * @throws when a correction or retraction targets a development its story does not have: the log
   *   contradicts the rules, and the runner must stop at that event, loudly
   */
  fold(events: readonly StoryStreamEvent[], listener: DevelopmentListener<Data> = {}): DevelopmentInBatch<Data>[] {
    const touched = new Set<DevelopmentInBatch<Data>>();
    for (const event of events) {
      if (event.type === 'CorrectionIssued' && this.handles(event.data.targetType)) {
        const development = this.target(event, event.data.targetEventId);
        development.data = applyCorrection(development.data, event.data.changes);
        development.corrected = true;
        touched.add(development);
        listener.corrected?.(event, development.data);
      } else if (event.type === 'DevelopmentRetracted' && this.handles(event.data.targetType)) {
        const development = this.target(event, event.data.targetEventId);
        development.retracted = true;
        touched.add(development);
        listener.retracted?.(event, development.data);
      } else if ((event.type === 'CasualtiesReported' || event.type === 'StatementRecorded') && this.handles(event.type)) {
        const development = { eventId: event.eventId, storyId: event.storyId, data: event.data as Data, recordedBy: event, corrected: false, retracted: false };
        this.developments.set(event.eventId.toLowerCase(), development);
        touched.add(development);
      }
    }
    return [...touched];
  }

  private handles(type: string): boolean {
    return (this.types as readonly string[]).includes(type);
  }

  private targetOf(event: StoryStreamEvent): string | null {
    if (event.type !== 'CorrectionIssued' && event.type !== 'DevelopmentRetracted') return null;
    return this.handles(event.data.targetType) ? event.data.targetEventId : null;
  }

  private target(event: StoryStreamEvent, targetEventId: string): DevelopmentInBatch<Data> {
    const development = this.developments.get(targetEventId.toLowerCase());
    if (development === undefined || development.storyId !== event.storyId) {
      const noun = this.types.length === 1 ? TARGET_NOUNS[this.types[0]] : '';
      throw new Error(`Event ${event.eventId} targets ${noun}${targetEventId}, which story ${event.storyId} does not have`);
    }
    return development;
  }
}
