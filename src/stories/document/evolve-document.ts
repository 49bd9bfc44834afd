import type { StoredEvent } from '../../event-store/event-store.types';
import { asRecordedStoryEvent } from '../story';
import { applyCorrection } from '../story-corrections';
import type { CasualtiesReportedData, StatementRecordedData, StoryOpenedData, StoryRevisedData } from '../story.events';
import { storyIdFromStreamId } from '../story.events';
import { computeTallies } from '../tallies/compute-tallies';
import type { TallyReport } from '../tallies/compute-tallies';
import { documentStatement } from './story-document';
import type { CorrectionNotice, DocumentStatement, StoryDocument, StoryDocumentState, UntalliedDocumentState } from './story-document';

/**
 * What the fold reads of a stored event. Narrower than `StoredEvent` (which satisfies it) so the
 * story_versions projection can re-fold a version from its own rows, which keep no metadata.
 */
export type DocumentEvent = Pick<StoredEvent, 'position' | 'streamId' | 'version' | 'eventId' | 'type' | 'data' | 'recordedAt'>;

/** The fields of a report a tally reads; a correction of `location` or `note` only marks it corrected. */
const TALLY_FIELDS = ['party', 'category', 'figure', 'status', 'source', 'asOf'] as const;
const STATEMENT_FIELDS = ['speaker', 'text', 'mode', 'channel', 'via', 'madeAt'] as const;

/**
 * The story after one more event of its stream. Pure: `state` is never modified.
 *
 * A story exists from its `StoryOpened` on: before it (`state` null) any other event describes no
 * story and leaves the state null. Corrections and retractions apply to their target when it is a
 * report or statement of this story (the domain issues no other), and add a notice when they carry one.
 *
 * @throws Error for a second `StoryOpened` or an event not after the current version: the stream
 * would be corrupt, and a projection must stop there rather than build a wrong document.
 */
export function evolveDocument(state: StoryDocumentState | null, event: DocumentEvent): StoryDocumentState | null {
  return withCurrentTallies(state, evolveUntallied(state, event));
}

/**
 * The state after these events of one stream, from `state` (null: from before the story), in
 * version order; throws as {@link evolveDocument} does. The same as evolving event by event, but
 * the tallies, computed from every report, are computed once at the end rather than after each
 * report or correction (which made a long story's fold quadratic). `visit` sees each event that
 * makes a version with the state before it, untallied (read its reports).
 */
export function foldDocumentFrom<Event extends DocumentEvent>(
  state: StoryDocumentState | null,
  events: Iterable<Event>,
  visit?: (event: Event, before: UntalliedDocumentState | null) => void,
): StoryDocumentState | null {
  return withCurrentTallies(state, foldUntalliedFrom(state, events, visit));
}

/**
 * {@link foldDocumentFrom} without computing the tallies at all: for a fold that needs the tallies
 * of none of the states it goes through (the story_versions projection) or of its last one only
 * (that projection's reader, which calls {@link withTallies} on it). From a tallied state or an
 * untallied one alike.
 */
export function foldUntalliedFrom<Event extends DocumentEvent>(
  state: UntalliedDocumentState | null,
  events: Iterable<Event>,
  visit?: (event: Event, before: UntalliedDocumentState | null) => void,
): UntalliedDocumentState | null {
  let current = state;
  for (const event of events) {
    const next = evolveUntallied(current, event);
    if (next !== null) visit?.(event, current);
    current = next;
  }
  return current;
}

/** The state with its tallies computed from its reports. */
export function withTallies(state: UntalliedDocumentState): StoryDocumentState {
  // Spread over a document that has a `tallies` key (see UntalliedDocumentState): the key keeps its place.
  return { ...state, document: { ...state.document, tallies: computeTallies(state.reports) } };
}

/** The state after all these events of one stream, in version order (null if none opened a story). */
export function foldDocument(events: Iterable<DocumentEvent>): StoryDocumentState | null {
  return foldDocumentFrom(null, events);
}

/**
 * `after`, folded untallied from `before`, with current tallies: `before`'s when `after` has the
 * very reports of `before` (no event since changed a report: every change makes a new array), else
 * computed. Only a tallied `before` is trusted, which its type ensures.
 */
function withCurrentTallies(before: StoryDocumentState | null, after: UntalliedDocumentState | null): StoryDocumentState | null {
  if (after === null) return null;
  if (before === null || after.reports !== before.reports) return withTallies(after);
  return { ...after, document: { ...after.document, tallies: before.document.tallies } };
}

/** {@link evolveDocument} except that a change of reports leaves `document.tallies` as it was. */
function evolveUntallied(state: UntalliedDocumentState | null, event: DocumentEvent): UntalliedDocumentState | null {
  const story = asRecordedStoryEvent(event);
  const recordedAt = event.recordedAt.toISOString();
  if (state === null) return story.type === 'StoryOpened' ? openedDocument(event, story.data, recordedAt) : null;
  if (story.version <= state.document.version) {
    throw new Error(`Event ${story.eventId} (version ${story.version}) does not follow version ${state.document.version} of story ${state.document.id}`);
  }
  const next = withDocument(state, { version: story.version, updatedAt: recordedAt });
  switch (story.type) {
    case 'StoryOpened':
      throw new Error(`Event ${story.eventId} opens story ${state.document.id} a second time`);
    case 'StoryRevised':
      return withDocument(next, revisedText(story.data));
    case 'CasualtiesReported':
      return withReports(next, [...next.reports, reportOf(event, story.data, recordedAt)]);
    case 'StatementRecorded':
      return withDocument(next, { statements: [...next.document.statements, statementOf(story.eventId, story.data)] });
    case 'CorrectionIssued': {
      const { targetEventId, changes, notice } = story.data;
      const corrected = updateTarget(next, targetEventId, (report) => correctedReport(report, changes), (statement) => correctedStatement(statement, changes));
      return withNotice(corrected, notice, { eventId: story.eventId, kind: 'correction', targetEventId, recordedAt });
    }
    case 'DevelopmentRetracted': {
      const { targetEventId, notice } = story.data;
      const retracted = updateTarget(next, targetEventId, (report) => ({ ...report, retracted: true }), (statement) => ({ ...statement, retracted: true }));
      return withNotice(retracted, notice, { eventId: story.eventId, kind: 'retraction', targetEventId, recordedAt });
    }
    case 'StoryPublished':
      return withDocument(next, { status: 'published', publishedVersion: story.data.publishedVersion });
    default:
      return unreachable(story);
  }
}

function openedDocument(event: DocumentEvent, data: StoryOpenedData, recordedAt: string): StoryDocumentState {
  const document: StoryDocument = {
    id: storyIdFromStreamId(event.streamId) ?? data.storyId,
    slug: data.slug,
    headline: data.headline,
    dek: textOrNull(data.dek),
    body: textOrNull(data.body),
    dateline: textOrNull(data.dateline),
    desk: textOrNull(data.desk),
    bylines: [...data.bylines],
    status: 'draft',
    version: event.version,
    publishedVersion: null,
    tallies: [],
    statements: [],
    notices: [],
    updatedAt: recordedAt,
  };
  return { document, reports: [] };
}

/** An empty dek or body (a revision clears one that way) reads as absent. */
function textOrNull(text: string | undefined): string | null {
  return text === undefined || text === '' ? null : text;
}

function revisedText({ headline, dek, body }: StoryRevisedData): Partial<StoryDocument> {
  return {
    ...(headline === undefined ? {} : { headline }),
    ...(dek === undefined ? {} : { dek: textOrNull(dek) }),
    ...(body === undefined ? {} : { body: textOrNull(body) }),
  };
}

function reportOf(event: DocumentEvent, data: CasualtiesReportedData, recordedAt: string): TallyReport {
  const { party, category, figure, status, source, asOf } = data;
  return { eventId: event.eventId, position: event.position, recordedAt, party, category, figure, status, source, asOf, corrected: false, retracted: false };
}

function statementOf(eventId: string, data: StatementRecordedData): DocumentStatement {
  return documentStatement(eventId, data, { corrected: false, retracted: false });
}

function correctedReport(report: TallyReport, changes: object): TallyReport {
  return { ...applyCorrection(report, pick(changes, TALLY_FIELDS)), corrected: true };
}

function correctedStatement(statement: DocumentStatement, changes: object): DocumentStatement {
  // The document spells an absent optional field `null`, which is also how a correction removes one.
  const replaced = Object.fromEntries(Object.entries(pick(changes, STATEMENT_FIELDS)).map(([key, value]) => [key, value ?? null]));
  return { ...statement, ...replaced, corrected: true };
}

function pick(changes: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(changes).filter(([key, value]) => keys.includes(key) && value !== undefined));
}

function updateTarget(
  state: UntalliedDocumentState,
  targetEventId: string,
  updateReport: (report: TallyReport) => TallyReport,
  updateStatement: (statement: DocumentStatement) => DocumentStatement,
): UntalliedDocumentState {
  if (state.reports.some((report) => report.eventId === targetEventId)) {
    return withReports(state, state.reports.map((report) => (report.eventId === targetEventId ? updateReport(report) : report)));
  }
  const statements = state.document.statements.map((statement) => (statement.eventId === targetEventId ? updateStatement(statement) : statement));
  return withDocument(state, { statements });
}

function withNotice(state: UntalliedDocumentState, notice: string | undefined, fields: Omit<CorrectionNotice, 'notice'>): UntalliedDocumentState {
  return notice === undefined ? state : withDocument(state, { notices: [...state.document.notices, { ...fields, notice }] });
}

/** New reports; the tallies are brought up to date by the caller of {@link evolveUntallied}, if it needs them. */
function withReports(state: UntalliedDocumentState, reports: TallyReport[]): UntalliedDocumentState {
  return { ...state, reports };
}

function withDocument(state: UntalliedDocumentState, changes: Partial<UntalliedDocumentState['document']>): UntalliedDocumentState {
  return { ...state, document: { ...state.document, ...changes } };
}

function unreachable(event: never): never {
  throw new Error(`Unknown story event ${JSON.stringify(event)}`);
}
