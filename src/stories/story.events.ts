/**
 * The events of one story stream, as stored. Type names are stored in the event log and read back
 * for ever: never rename one; change a payload by raising its schema version and adding an
 * upcaster. Optional fields are omitted when absent (never `undefined` in stored JSON).
 */

export const CASUALTY_CATEGORIES = ['killed', 'wounded', 'missing', 'captured', 'displaced'] as const;
export type CasualtyCategory = (typeof CASUALTY_CATEGORIES)[number];

/** `confirmed` by the source itself, or `claimed` by a party and not independently confirmed. */
export const CASUALTY_STATUSES = ['confirmed', 'claimed'] as const;
export type CasualtyStatus = (typeof CASUALTY_STATUSES)[number];

export const STATEMENT_MODES = ['quote', 'paraphrase'] as const;
export type StatementMode = (typeof STATEMENT_MODES)[number];

/**
 * A reported number of people. Exact 33 is `{ min: 33, max: 33 }`; "at least 33" is `{ min: 33 }`;
 * "more than 300" is `{ min: 301, wording: 'more than 300' }`; "dozens" is `{ min: 24, wording: 'dozens' }`.
 * `max` absent means open-ended.
 */
export interface Figure {
  min: number;
  max?: number;
  /** The source's own words when they are not a plain number. */
  wording?: string;
}

/** Who gave a figure and how it reached the desk (`via` an agency, over a `channel` such as a phone call). */
export interface Source {
  name: string;
  role?: string;
  organization?: string;
  via?: string;
  channel?: string;
}

export interface Speaker {
  name: string;
  role?: string;
  organization?: string;
}

export interface StoryOpenedData {
  storyId: string;
  slug: string;
  headline: string;
  dek?: string;
  body?: string;
  dateline?: string;
  desk?: string;
  bylines: string[];
}

/** Only the text fields that change; an empty `dek` or `body` clears it. */
export interface StoryRevisedData {
  headline?: string;
  dek?: string;
  body?: string;
  note?: string;
}

export interface CasualtiesReportedData {
  /** Whose people: "Turkish soldiers", "civilians in the district". */
  party: string;
  category: CasualtyCategory;
  figure: Figure;
  status: CasualtyStatus;
  source: Source;
  /** When the figure held, ISO-8601 UTC (stored as `Date#toISOString()`). */
  asOf: string;
  location?: string;
  note?: string;
}

export interface StatementRecordedData {
  speaker: Speaker;
  text: string;
  mode: StatementMode;
  channel?: string;
  via?: string;
  /** When it was said, ISO-8601 UTC (stored as `Date#toISOString()`). */
  madeAt?: string;
}

/** The event types a correction or a retraction may target: reported facts, not the story's own text. */
export type CorrectableType = 'CasualtiesReported' | 'StatementRecorded';

/**
 * A partial replacement of a development's data: top-level keys only, a nested object (`figure`,
 * `source`, `speaker`) replaced whole. `null` removes an optional field (and, in `before`, means
 * the field was absent).
 */
export type DataChanges<Data> = { [Key in keyof Data]?: Data[Key] | null };

interface CorrectionOf<Type extends CorrectableType, Data> {
  targetEventId: string;
  targetType: Type;
  /** Only the keys whose value really changes. */
  changes: DataChanges<Data>;
  /** The target's values of exactly those keys before this correction (earlier corrections applied). */
  before: DataChanges<Data>;
  reason: string;
  /** The public correction notice, when the desk prints one. */
  notice?: string;
}

export type CorrectionIssuedData =
  | CorrectionOf<'CasualtiesReported', CasualtiesReportedData>
  | CorrectionOf<'StatementRecorded', StatementRecordedData>;

export interface DevelopmentRetractedData {
  targetEventId: string;
  targetType: CorrectableType;
  reason: string;
  notice?: string;
}

export interface StoryPublishedData {
  /** The stream version of this very event. */
  publishedVersion: number;
  note?: string;
}

type StoryEventOf<Type extends string, Data> = { type: Type; data: Data };

export type StoryOpened = StoryEventOf<'StoryOpened', StoryOpenedData>;
export type StoryRevised = StoryEventOf<'StoryRevised', StoryRevisedData>;
export type CasualtiesReported = StoryEventOf<'CasualtiesReported', CasualtiesReportedData>;
export type StatementRecorded = StoryEventOf<'StatementRecorded', StatementRecordedData>;
export type CorrectionIssued = StoryEventOf<'CorrectionIssued', CorrectionIssuedData>;
export type DevelopmentRetracted = StoryEventOf<'DevelopmentRetracted', DevelopmentRetractedData>;
export type StoryPublished = StoryEventOf<'StoryPublished', StoryPublishedData>;

/** What a decide function returns: a type and its data. The caller adds the event id and metadata. */
export type StoryEventData =
  | StoryOpened
  | StoryRevised
  | CasualtiesReported
  | StatementRecorded
  | CorrectionIssued
  | DevelopmentRetracted
  | StoryPublished;

export type StoryEventType = StoryEventData['type'];

/** A story event as read back from its stream: what `evolve` folds. */
export type RecordedStoryEvent = StoryEventData & { eventId: string; version: number };

export const STORY_EVENT_TYPES = [
  'StoryOpened',
  'StoryRevised',
  'CasualtiesReported',
  'StatementRecorded',
  'CorrectionIssued',
  'DevelopmentRetracted',
  'StoryPublished',
] as const satisfies readonly StoryEventType[];

/** The current schema version of each stored type; raise one only together with its upcaster. */
export const STORY_EVENT_SCHEMA_VERSIONS: Readonly<Record<StoryEventType, number>> = {
  StoryOpened: 1,
  StoryRevised: 1,
  CasualtiesReported: 1,
  StatementRecorded: 1,
  CorrectionIssued: 1,
  DevelopmentRetracted: 1,
  StoryPublished: 1,
};

// Fails to compile when a type is added to the union but not to the list.
type MissingFromList = Exclude<StoryEventType, (typeof STORY_EVENT_TYPES)[number]>;
const everyTypeListed: MissingFromList extends never ? true : never = true;
void everyTypeListed;

export function isStoryEventType(type: string): type is StoryEventType {
  return (STORY_EVENT_TYPES as readonly string[]).includes(type);
}

const STREAM_PREFIX = 'story-';

export function storyStreamId(storyId: string): string {
  return STREAM_PREFIX + storyId;
}

/** The story id of a story stream, or `null` for a stream that is not a story's. */
export function storyIdFromStreamId(streamId: string): string | null {
  return streamId.startsWith(STREAM_PREFIX) && streamId.length > STREAM_PREFIX.length
    ? streamId.slice(STREAM_PREFIX.length)
    : null;
}
