import { STORY_EVENT_SCHEMA_VERSIONS, STORY_EVENT_TYPES, isStoryEventType, storyIdFromStreamId, storyStreamId } from './story.events';

const STORY_ID = '0b9f4c2e-51a8-4f4e-9d1c-6f3a2b7c8d10';

describe('story stream ids', () => {
  it('are "story-" and the story id, and read back to it', () => {
    expect(storyStreamId(STORY_ID)).toBe(`story-${STORY_ID}`);
    expect(storyIdFromStreamId(storyStreamId(STORY_ID))).toBe(STORY_ID);
  });

  it('read back to null for streams that are not a story', () => {
    expect(storyIdFromStreamId('apikey-1')).toBeNull();
    expect(storyIdFromStreamId('story-')).toBeNull();
  });
});

describe('stored event types', () => {
  // These names are in the event log for ever: this list changing means history no longer reads.
  it('keep their stored names, each at schema version 1', () => {
    expect(STORY_EVENT_TYPES).toEqual([
      'StoryOpened',
      'StoryRevised',
      'CasualtiesReported',
      'StatementRecorded',
      'CorrectionIssued',
      'DevelopmentRetracted',
      'StoryPublished',
    ]);
    expect(Object.keys(STORY_EVENT_SCHEMA_VERSIONS).sort()).toEqual([...STORY_EVENT_TYPES].sort());
    expect(new Set(Object.values(STORY_EVENT_SCHEMA_VERSIONS))).toEqual(new Set([1]));
  });

  it('are recognised, and nothing else is', () => {
    expect(STORY_EVENT_TYPES.every(isStoryEventType)).toBe(true);
    expect(isStoryEventType('storyOpened')).toBe(false);
    expect(isStoryEventType('TestHappened')).toBe(false);
  });
});
