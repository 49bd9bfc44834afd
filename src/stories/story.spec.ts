import { DomainError } from '../errors/domain-error';
import { given } from '../../test/support/story-specification';
import {
  EVENT_IDS,
  NOW,
  STORY_ID,
  governorReport,
  ministerQuote,
  ministerStatement,
  soldiersKilled,
  soldiersWounded,
  storyOpened,
  storyRevised,
} from '../../test/support/story-fixtures';
import {
  asRecordedStoryEvent,
  currentDevelopment,
  evolve,
  foldStory,
  initialStoryState,
  issueCorrection,
  openStory,
  publishStory,
  recordStatement,
  reportCasualties,
  retractDevelopment,
  reviseStory,
} from './story';
import type { StoryState } from './story';
import { duplicateSlug, STORY_ERROR_CODES } from './story.errors';

const openCommand = { storyId: STORY_ID, slug: 'karaca-border-garrison-shelled', headline: 'Border garrison in Karaca shelled' };

describe('opening a story', () => {
  it('opens a new story, omitting the optional fields it was not given', () => {
    given()
      .when((state) => openStory(state, openCommand, NOW))
      .then({ type: 'StoryOpened', data: { ...openCommand, bylines: [] } });
  });

  it('keeps every field it was given', () => {
    given()
      .when((state) => openStory(state, { ...storyOpened.data }, NOW))
      .then({ type: 'StoryOpened', data: storyOpened.data });
  });

  it('refuses to open a story twice', () => {
    given(storyOpened)
      .when((state) => openStory(state, openCommand, NOW))
      .thenFails('story_already_exists', { storyId: STORY_ID });
  });

  it('refuses an empty headline', () => {
    given()
      .when((state) => openStory(state, { ...openCommand, headline: '' }, NOW))
      .thenFails('headline_empty');
  });

  it('offers the duplicate slug error the caller throws after its cross-story check', () => {
    const error = duplicateSlug('karaca-border-garrison-shelled', STORY_ID);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'duplicate_slug', kind: 'conflict', details: { slug: 'karaca-border-garrison-shelled', existingStoryId: STORY_ID } });
  });
});

describe('every command but open needs the story to exist', () => {
  const commands = {
    reviseStory: (state: StoryState) => reviseStory(state, { headline: 'New' }, NOW),
    reportCasualties: (state: StoryState) => reportCasualties(state, governorReport, NOW),
    recordStatement: (state: StoryState) => recordStatement(state, ministerQuote, NOW),
    issueCorrection: (state: StoryState) =>
      issueCorrection(state, { targetEventId: EVENT_IDS.soldiersKilled, changes: { note: 'x' }, reason: 'r' }, NOW),
    retractDevelopment: (state: StoryState) => retractDevelopment(state, { targetEventId: EVENT_IDS.soldiersKilled, reason: 'r' }, NOW),
    publishStory: (state: StoryState) => publishStory(state, {}, NOW),
  };

  it.each(Object.entries(commands))('%s answers story_not_found (404) on an empty stream', (_name, decide) => {
    given().when(decide).thenFails('story_not_found');
    expect(STORY_ERROR_CODES.story_not_found.kind).toBe('not_found');
  });
});

describe('revising the text', () => {
  it('records only the fields that change, with the note', () => {
    given(storyOpened)
      .when((state) => reviseStory(state, { headline: '19 soldiers killed in Karaca', dek: storyOpened.data.dek, body: 'First paragraph.', note: 'toll' }, NOW))
      .then({ type: 'StoryRevised', data: { headline: '19 soldiers killed in Karaca', body: 'First paragraph.', note: 'toll' } });
  });

  it('clears the dek with an empty string', () => {
    given(storyOpened)
      .when((state) => reviseStory(state, { dek: '' }, NOW))
      .then({ type: 'StoryRevised', data: { dek: '' } });
  });

  it('refuses a revision that repeats the current text', () => {
    given(storyOpened, storyRevised)
      .when((state) => reviseStory(state, { headline: storyRevised.data.headline, body: '' }, NOW))
      .thenFails('revision_changes_nothing');
  });

  it('refuses a revision with no text at all, even with a note', () => {
    given(storyOpened)
      .when((state) => reviseStory(state, { note: 'just a note' }, NOW))
      .thenFails('revision_empty');
  });

  it('refuses to remove the headline', () => {
    given(storyOpened)
      .when((state) => reviseStory(state, { headline: '' }, NOW))
      .thenFails('headline_empty');
  });
});

describe('reporting casualties and recording statements', () => {
  it('records an exact figure as reported', () => {
    given(storyOpened)
      .when((state) => reportCasualties(state, governorReport, NOW))
      .then({ type: 'CasualtiesReported', data: governorReport });
  });

  it('records a claimed open-ended figure ("more than 200") relayed by an agency, its time in UTC', () => {
    const claim = {
      party: 'fighters of the opposing force',
      category: 'killed' as const,
      figure: { min: 201, wording: 'more than 200' },
      status: 'claimed' as const,
      source: { name: 'Emre Kaya', role: 'defence minister', via: 'Northline Press' },
      asOf: '2025-11-06T20:30:00+03:00',
    };
    given(storyOpened, soldiersKilled)
      .when((state) => reportCasualties(state, claim, NOW))
      .then({ type: 'CasualtiesReported', data: { ...claim, asOf: '2025-11-06T17:30:00.000Z' } });
  });

  it('records a quoted statement, and a paraphrase without channel or time', () => {
    given(storyOpened)
      .when((state) => recordStatement(state, ministerQuote, NOW))
      .then({ type: 'StatementRecorded', data: ministerQuote });
    const paraphrase = { speaker: { name: 'Selin Arslan' }, text: 'The governor said rescue teams were still at the post.', mode: 'paraphrase' as const };
    given(storyOpened)
      .when((state) => recordStatement(state, paraphrase, NOW))
      .then({ type: 'StatementRecorded', data: paraphrase });
  });

  it('refuses a statement made more than 5 minutes from now', () => {
    given(storyOpened)
      .when((state) => recordStatement(state, { ...ministerQuote, madeAt: '2025-11-06T21:06:00Z' }, NOW))
      .thenFails('as_of_in_future', { field: 'madeAt' });
  });
});

describe('publishing', () => {
  it('records the stream version of the publication itself', () => {
    given(storyOpened, soldiersKilled)
      .when((state) => publishStory(state, { note: 'first web version' }, NOW))
      .then({ type: 'StoryPublished', data: { publishedVersion: 3, note: 'first web version' } });
  });

  it('refuses to publish again when nothing changed since the last publication', () => {
    const published = { eventId: EVENT_IDS.published, type: 'StoryPublished' as const, data: { publishedVersion: 2 } };
    given(storyOpened, published)
      .when((state) => publishStory(state, {}, NOW))
      .thenFails('nothing_to_publish', { publishedVersion: 2 });
  });

  it('publishes again once something has changed', () => {
    const published = { eventId: EVENT_IDS.published, type: 'StoryPublished' as const, data: { publishedVersion: 2 } };
    given(storyOpened, published, soldiersKilled)
      .when((state) => publishStory(state, {}, NOW))
      .then({ type: 'StoryPublished', data: { publishedVersion: 4 } });
  });
});

describe('folding a story', () => {
  it('starts empty', () => {
    const state = initialStoryState();
    expect(state).toMatchObject({ exists: false, version: 0, publishedVersion: null });
    expect(state.developments.size).toBe(0);
  });

  it('holds the text, version, publication and every development keyed by event id', () => {
    const published = { eventId: EVENT_IDS.published, type: 'StoryPublished' as const, data: { publishedVersion: 5 } };
    const { state } = given(storyOpened, soldiersKilled, soldiersWounded, storyRevised, published, ministerStatement);
    expect(state).toMatchObject({
      exists: true,
      storyId: STORY_ID,
      slug: storyOpened.data.slug,
      headline: storyRevised.data.headline,
      dek: storyOpened.data.dek,
      dateline: 'KARACA',
      desk: 'world',
      bylines: ['Ayse Demir'],
      version: 6,
      publishedVersion: 5,
    });
    expect(state.developments.size).toBe(6);
    expect(currentDevelopment(state, EVENT_IDS.soldiersWounded)).toEqual({
      eventId: EVENT_IDS.soldiersWounded,
      type: 'CasualtiesReported',
      version: 3,
      data: soldiersWounded.data,
      correctionIds: [],
      retracted: false,
    });
    expect(currentDevelopment(state, 'not-in-this-story')).toBeUndefined();
  });

  it('never modifies the state it evolves from', () => {
    const before = foldStory([
      { ...storyOpened, version: 1 },
      { ...soldiersKilled, version: 2 },
    ]);
    const retraction = {
      eventId: EVENT_IDS.retraction,
      version: 3,
      type: 'DevelopmentRetracted' as const,
      data: { targetEventId: EVENT_IDS.soldiersKilled, targetType: 'CasualtiesReported' as const, reason: 'Figure came from an unverified account.' },
    };
    const after = evolve(before, retraction);
    expect(after.developments.get(EVENT_IDS.soldiersKilled)?.retracted).toBe(true);
    expect(before.version).toBe(2);
    expect(before.developments.get(EVENT_IDS.soldiersKilled)?.retracted).toBe(false);
    expect(before.developments.has(EVENT_IDS.retraction)).toBe(false);
  });

  it('reads events from the store, refusing a type that is not a story event', () => {
    const stored = { eventId: EVENT_IDS.opened, version: 1, type: 'StoryOpened', data: storyOpened.data, position: 7 };
    expect(asRecordedStoryEvent(stored)).toEqual({ eventId: EVENT_IDS.opened, version: 1, type: 'StoryOpened', data: storyOpened.data });
    expect(() => asRecordedStoryEvent({ ...stored, type: 'StoryArchived' })).toThrow(/not a story event type/);
  });
});
