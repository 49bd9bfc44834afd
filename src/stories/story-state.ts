import { applyCorrection } from './story-corrections';
import { StoryDevelopments } from './story-developments';
import { RecordedStoryEvent, StoryEventData, StoryEventType, isStoryEventType } from './story.events';

type DataOf<Type extends StoryEventType> = Extract<StoryEventData, { type: Type }>['data'];

interface DevelopmentOf<Type extends StoryEventType> {
  eventId: string;
  type: Type;
  /** The stream version of the event that reported it. */
  version: number;
  /** Its data with every correction applied, in order. */
  data: DataOf<Type>;
  /** Ids of the corrections applied to it, oldest first. */
  correctionIds: readonly string[];
  retracted: boolean;
}

/** One event of the story as it stands now; narrowed by `type`. */
export type Development = { [Type in StoryEventType]: DevelopmentOf<Type> }[StoryEventType];

interface StateCommonToAll {
  /** The stream version: how many events the story has. */
  version: number;
  /** The stream version of the latest publication, `null` before the first. */
  publishedVersion: number | null;
  /** Every event of the stream, keyed by event id; corrections and retractions are applied to their targets. */
  developments: StoryDevelopments;
}

export interface AbsentStory extends StateCommonToAll {
  exists: false;
}

export interface ExistingStory extends StateCommonToAll {
  exists: true;
  storyId: string;
  slug: string;
  headline: string;
  dek?: string;
  body?: string;
  dateline?: string;
  desk?: string;
  bylines: readonly string[];
}

/** A story folded from its stream. */
export type StoryState = AbsentStory | ExistingStory;

export function initialStoryState(): StoryState {
  return { exists: false, version: 0, publishedVersion: null, developments: StoryDevelopments.empty() };
}

/** The state after one more event. Pure: `state` is never modified. */
export function evolve(state: StoryState, event: RecordedStoryEvent): StoryState {
  const developments = state.developments.after(event.eventId, event.version, changedDevelopments(state, event));
  const recorded = { ...state, version: event.version, developments };
  switch (event.type) {
    case 'StoryOpened': {
      const { storyId, slug, headline, dek, body, dateline, desk, bylines } = event.data;
      return { ...recorded, exists: true, storyId, slug, headline, dek, body, dateline, desk, bylines };
    }
    case 'StoryRevised': {
      if (!recorded.exists) return recorded;
      const { headline = recorded.headline, dek = recorded.dek, body = recorded.body } = event.data;
      return { ...recorded, headline, dek, body };
    }
    case 'CasualtiesReported':
    case 'StatementRecorded':
    case 'CorrectionIssued':
    case 'DevelopmentRetracted':
      return recorded;
    case 'StoryPublished':
      return { ...recorded, publishedVersion: event.data.publishedVersion };
    default:
      return unreachable(event);
  }
}

/** The state of a story after all its events, in stream order. */
export function foldStory(events: Iterable<RecordedStoryEvent>): StoryState {
  let state = initialStoryState();
  for (const event of events) state = evolve(state, event);
  return state;
}

/** A development of this story as it stands now (corrections applied), or `undefined` when it is not in this story. */
export function currentDevelopment(state: StoryState, eventId: string): Development | undefined {
  return state.developments.get(eventId);
}

/**
 * Narrows an event read from the store (type a plain string) to a story event. An unknown type in
 * a story stream means the code is older than the data: fail loudly rather than fold half a story.
 */
export function asRecordedStoryEvent(stored: { type: string; data: object; eventId: string; version: number }): RecordedStoryEvent {
  if (!isStoryEventType(stored.type)) {
    throw new Error(`Event ${stored.eventId} has type ${stored.type}, which is not a story event type`);
  }
  return { type: stored.type, data: stored.data, eventId: stored.eventId, version: stored.version } as RecordedStoryEvent;
}

/** The event itself, and the development it corrects or retracts (when that is in this story). */
function changedDevelopments(state: StoryState, event: RecordedStoryEvent): Development[] {
  const itself = { eventId: event.eventId, type: event.type, version: event.version, data: event.data, correctionIds: [], retracted: false } as Development;
  if (event.type !== 'CorrectionIssued' && event.type !== 'DevelopmentRetracted') return [itself];
  // The decide functions only issue corrections and retractions for targets in this story.
  const target = state.developments.get(event.data.targetEventId);
  if (target === undefined) return [itself];
  const updated = event.type === 'CorrectionIssued' ? corrected(target, event.eventId, event.data.changes) : ({ ...target, retracted: true } as Development);
  return [itself, updated];
}

function corrected(target: Development, correctionId: string, changes: object): Development {
  return {
    ...target,
    data: applyCorrection(target.data, changes),
    correctionIds: [...target.correctionIds, correctionId],
  } as Development;
}

function unreachable(event: never): never {
  throw new Error(`Unknown story event ${JSON.stringify(event)}`);
}
