import { DomainError } from '../../src/errors/domain-error';
import { StoryState, foldStory } from '../../src/stories/story';
import type { RecordedStoryEvent, StoryEventData } from '../../src/stories/story.events';
import { STORY_ERROR_CODES, StoryErrorCode } from '../../src/stories/story.errors';

/** A past event of the story; versions are given in the order listed. */
export type GivenEvent = StoryEventData & { eventId: string };

type Decision = (state: StoryState) => StoryEventData;

/**
 * Given these events, when this decision is taken, then this event is decided, or this error is
 * thrown: the shape of every story spec.
 *
 * @example given(storyOpened).when((state) => publishStory(state, {}, NOW)).then({ type: 'StoryPublished', data: { publishedVersion: 2 } })
 */
export function given(...history: GivenEvent[]) {
  const state = foldStory(history.map((event, index) => ({ ...event, version: index + 1 }) as RecordedStoryEvent));
  return {
    state,
    when(decide: Decision) {
      return {
        /** Strict: an optional field decided as `undefined` instead of omitted fails. */
        then(expected: StoryEventData): StoryEventData {
          const decided = decide(state);
          expect(decided).toStrictEqual(expected);
          return decided;
        },
        thenFails(code: StoryErrorCode, details: Record<string, unknown> = {}): DomainError {
          const error = thrownBy(() => decide(state));
          expect(error).toBeInstanceOf(DomainError);
          const domainError = error as DomainError;
          expect({ code: domainError.code, kind: domainError.kind }).toEqual({ code, kind: STORY_ERROR_CODES[code].kind });
          expect(domainError.details).toMatchObject(details);
          expect(domainError.message).toMatch(/\S/);
          return domainError;
        },
      };
    },
  };
}

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the decision to be refused, but it decided an event');
}
