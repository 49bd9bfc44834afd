import { randomUUID } from 'node:crypto';
import { asStoredEvents, harmanliTimeline, TimelineEvent } from '../../../test/versions/support/harmanli-story';
import type { StoredEvent } from '../../event-store/event-store.types';
import { computeTallies } from '../tallies/compute-tallies';
import { evolveDocument, foldDocument, foldDocumentFrom, foldUntalliedFrom, withTallies } from './evolve-document';
import type { StoryDocumentState } from './story-document';

const { storyId, events } = harmanliTimeline();
const stored = asStoredEvents(storyId, events, 41);

/** The state after the first `count` events of the timeline. */
function after(count: number): StoryDocumentState {
  const state = foldDocument(stored.slice(0, count));
  if (state === null) throw new Error('no story');
  return state;
}

function nextEvent(state: StoryDocumentState, type: TimelineEvent['type'], data: object): StoredEvent {
  return { ...stored[0], eventId: randomUUID(), version: state.document.version + 1, position: 1_000 + state.document.version, type, data: data as Record<string, unknown> };
}

describe('evolveDocument', () => {
  it('opens a draft document from StoryOpened, absent fields null and nothing reported yet', () => {
    const { document } = after(1);
    expect(document).toEqual({
      id: storyId,
      slug: expect.stringMatching(/^harmanli-outpost-strike-/),
      headline: 'Soldiers killed in strike on Harmanlı border outpost',
      dek: 'The provincial governor says the toll may rise.',
      body: 'An artillery strike hit the Harmanlı outpost after nightfall, the governor said.',
      dateline: 'HARMANLI',
      desk: 'world',
      bylines: ['Leyla Aksoy'],
      status: 'draft',
      version: 1,
      publishedVersion: null,
      tallies: [],
      statements: [],
      notices: [],
      updatedAt: '2025-11-12T19:20:00.000Z',
    });
  });

  it('stands at the version and time of each event it folds', () => {
    let state: StoryDocumentState | null = null;
    for (const event of stored) {
      state = evolveDocument(state, event);
      expect(state?.document).toMatchObject({ version: event.version, updatedAt: event.recordedAt.toISOString() });
    }
  });

  it('revises only the texts a revision carries, and reads an emptied dek as absent', () => {
    const revised = after(7).document;
    expect(revised.headline).toBe('22 soldiers killed in strike on Harmanlı border outpost');
    expect(revised.body).toMatch(/killing 22 soldiers/);
    expect(revised.dek).toBe('The provincial governor says the toll may rise.');

    const cleared = evolveDocument(after(7), nextEvent(after(7), 'StoryRevised', { dek: '' }));
    expect(cleared?.document.dek).toBeNull();
    expect(cleared?.document.headline).toBe(revised.headline);
  });

  it('computes the tallies from every report with its corrections, the rising toll reading as a timeline', () => {
    const { document, reports } = after(11);
    expect(document.tallies).toEqual(computeTallies(reports));
    const soldiers = document.tallies.find((tally) => tally.party === 'soldiers at the Harmanlı outpost');
    expect(soldiers?.current).toMatchObject({ eventId: events[3].eventId, figure: { min: 22, wording: 'at least 22' } });
    expect(soldiers?.history.map(({ figure, corrected }) => [figure.min, corrected])).toEqual([
      [9, false],
      [22, true],
    ]);
    const claim = document.tallies.find((tally) => tally.party === 'Karsan militia fighters');
    expect(claim?.current).toMatchObject({ status: 'claimed', figure: { min: 201, wording: 'more than 200' } });
  });

  it('keeps the tallies as they stood at each version', () => {
    expect(after(2).document.tallies[0].current?.figure).toEqual({ min: 9, max: 9 });
    expect(after(4).document.tallies[0].current?.figure).toEqual({ min: 22, max: 22 });
    expect(after(1).document.tallies).toEqual([]);
  });

  it('moves a report into the tally of the category a correction gives it, and drops a retracted one from current', () => {
    const state = after(4);
    const moved = evolveDocument(
      state,
      nextEvent(state, 'CorrectionIssued', { targetEventId: events[3].eventId, targetType: 'CasualtiesReported', changes: { category: 'wounded' }, before: { category: 'killed' }, reason: 'misheard' }),
    )!;
    expect(moved.document.tallies.map(({ category, history }) => [category, history.length])).toEqual([
      ['killed', 1],
      ['wounded', 1],
    ]);
    expect(moved.document.notices).toEqual([]);

    const retracted = evolveDocument(
      moved,
      nextEvent(moved, 'DevelopmentRetracted', { targetEventId: events[1].eventId, targetType: 'CasualtiesReported', reason: 'wrong post' }),
    )!;
    expect(retracted.document.tallies[0]).toMatchObject({ category: 'killed', current: null, history: [{ retracted: true }] });
  });

  it('carries statements with corrections applied, a removed optional field as null, and retracted ones marked', () => {
    const state = after(10);
    expect(state.document.statements.map(({ speaker, retracted }) => [speaker.name, retracted])).toEqual([
      ['Derya Okan', true],
      ['Aras Demirel', false],
    ]);
    const minister = state.document.statements[1];
    const corrected = evolveDocument(
      state,
      nextEvent(state, 'CorrectionIssued', {
        targetEventId: minister.eventId, targetType: 'StatementRecorded', changes: { text: 'The positions that fired were destroyed.', via: null },
        before: { text: minister.text, via: minister.via }, reason: 'wire rewrote the quote',
      }),
    )!;
    expect(corrected.document.statements[1]).toEqual({ ...minister, text: 'The positions that fired were destroyed.', via: null, corrected: true });
  });

  it('lists the public notices of corrections and retractions in order, with their kind and target', () => {
    expect(after(11).document.notices).toEqual([
      { eventId: events[7].eventId, kind: 'correction', targetEventId: events[3].eventId, notice: expect.stringMatching(/exactly 22/), recordedAt: '2025-11-12T21:15:00.000Z' },
      { eventId: events[8].eventId, kind: 'retraction', targetEventId: events[5].eventId, notice: expect.stringMatching(/withdrawn/), recordedAt: '2025-11-12T21:20:00.000Z' },
    ]);
  });

  it('marks the story published, with the version of each publication', () => {
    expect(after(2).document).toMatchObject({ status: 'draft', publishedVersion: null });
    expect(after(3).document).toMatchObject({ status: 'published', publishedVersion: 3 });
    expect(after(10).document).toMatchObject({ status: 'published', publishedVersion: 3 });
    expect(after(11).document).toMatchObject({ status: 'published', publishedVersion: 11 });
  });

  it('knows no story before StoryOpened, and refuses a second opening or an event out of order', () => {
    expect(evolveDocument(null, stored[1])).toBeNull();
    expect(() => evolveDocument(after(2), { ...stored[0], version: 3 })).toThrow(/a second time/);
    expect(() => evolveDocument(after(2), stored[1])).toThrow(/does not follow version 2/);
  });

  it('never modifies the state it is given', () => {
    for (let count = 1; count < stored.length; count++) {
      const state = after(count);
      const copy = structuredClone(state);
      evolveDocument(state, stored[count]);
      expect(state).toEqual(copy);
    }
  });

  it('folds any stretch from any state as evolving event by event does, the tallies computed once at the end', () => {
    for (let from = 0; from < stored.length; from++) {
      const start = from === 0 ? null : after(from);
      for (let to = from; to <= stored.length; to++) {
        let stepwise = start;
        for (const event of stored.slice(from, to)) stepwise = evolveDocument(stepwise, event);
        expect(foldDocumentFrom(start, stored.slice(from, to))).toEqual(stepwise);
      }
    }
  });

  it('folds untallied as it folds, the tallies left to withTallies, which computes them as the fold does, key order included', () => {
    for (let from = 0; from < stored.length; from++) {
      const start = from === 0 ? null : after(from);
      for (let to = from + 1; to <= stored.length; to++) {
        const untallied = foldUntalliedFrom(start, stored.slice(from, to));
        expect(JSON.stringify(withTallies(untallied!))).toBe(JSON.stringify(foldDocumentFrom(start, stored.slice(from, to))));
      }
    }
    // Reports change (versions 2, 4, 5 and the correction at 8) and the tallies are left behind.
    expect(foldUntalliedFrom(null, stored)!.document).toMatchObject({ tallies: [] });
  });

  it('folds on from an untallied state, and reads its reports for the tallies, not its tallies', () => {
    const untallied = foldUntalliedFrom(null, stored.slice(0, 8));
    expect(withTallies(foldUntalliedFrom(untallied, stored.slice(8))!)).toEqual(foldDocument(stored));
  });

  it('visits each event that makes a version with the reports and statements of the state before it', () => {
    const visited: [number, number, number][] = [];
    foldDocumentFrom(null, [{ ...stored[1], version: 0 }, ...stored], (event, before) => {
      visited.push([event.version, before?.reports.length ?? -1, before?.document.statements.length ?? -1]);
    });
    // The event before StoryOpened makes no version; the rest see the state the one before them left.
    expect(visited.map(([version]) => version)).toEqual(stored.map((event) => event.version));
    for (const [version, reports, statements] of visited) {
      const before = version === 1 ? null : after(version - 1);
      expect([reports, statements]).toEqual([before?.reports.length ?? -1, before?.document.statements.length ?? -1]);
    }
  });

  it('continues the same from a state that went through JSON, as the projection stores it', () => {
    for (let count = 1; count < stored.length; count++) {
      const state = after(count);
      const thawed = JSON.parse(JSON.stringify(state)) as StoryDocumentState;
      expect(evolveDocument(thawed, stored[count])).toEqual(evolveDocument(state, stored[count]));
    }
  });
});
