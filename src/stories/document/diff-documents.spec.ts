import { randomUUID } from 'node:crypto';
import { asStoredEvents, harmanliTimeline } from '../../../test/versions/support/harmanli-story';
import { diffDocuments } from './diff-documents';
import { evolveDocument, foldDocument } from './evolve-document';
import type { StoryDocument } from './story-document';
import { sideOfDiff } from './text-diff';

const { storyId, events } = harmanliTimeline();
const stored = asStoredEvents(storyId, events);
const at = (version: number): StoryDocument => foldDocument(stored.slice(0, version))!.document;

describe('diffDocuments', () => {
  it('diffs the two publications: text word by word, changed tallies, statements and notices since', () => {
    const diff = diffDocuments(at(3), at(11));

    expect(diff.from).toBe(3);
    expect(diff.to).toBe(11);
    expect(sideOfDiff(diff.text.headline, 'from')).toBe(at(3).headline);
    expect(sideOfDiff(diff.text.headline, 'to')).toBe(at(11).headline);
    expect(diff.text.headline).toEqual([
      { op: 'delete', text: 'Soldiers' },
      { op: 'insert', text: '22' },
      { op: 'equal', text: ' ' },
      { op: 'insert', text: 'soldiers ' },
      { op: 'equal', text: 'killed in strike on Harmanlı border outpost' },
    ]);
    expect(diff.text.body.filter((run) => run.op === 'insert').map((run) => run.text).join('')).toMatch(/killing 22 soldiers/);
    expect(diff.text.dek).toEqual([{ op: 'equal', text: 'The provincial governor says the toll may rise.' }]);

    expect(diff.tallies.map(({ party, category, before, after }) => [party, category, before?.current?.figure ?? null, after?.current?.figure ?? null])).toEqual([
      ['Karsan militia fighters', 'killed', null, { min: 201, wording: 'more than 200' }],
      ['soldiers at the Harmanlı outpost', 'killed', { min: 9, max: 9 }, { min: 22, wording: 'at least 22' }],
    ]);
    // The mayor's quote came and was retracted between the two: it never stood in either.
    expect(diff.statements.added.map((statement) => statement.speaker.name)).toEqual(['Aras Demirel']);
    expect(diff.statements.removed).toEqual([]);
    expect(diff.notices.added.map((notice) => notice.kind)).toEqual(['correction', 'retraction']);
  });

  it('reads a retraction as the statement removed, and leaves unchanged tallies out', () => {
    const diff = diffDocuments(at(8), at(9));
    expect(diff.statements.removed.map((statement) => statement.eventId)).toEqual([events[5].eventId]);
    expect(diff.statements.added).toEqual([]);
    expect(diff.tallies).toEqual([]);
    expect(diff.text).toEqual({
      headline: [{ op: 'equal', text: at(8).headline }],
      dek: [{ op: 'equal', text: at(8).dek }],
      body: [{ op: 'equal', text: at(8).body }],
    });
  });

  it('shows a corrected statement before and after, and a new tally as before null', () => {
    const state = foldDocument(stored.slice(0, 10))!;
    const minister = state.document.statements[1];
    const correction = {
      ...stored[0], eventId: randomUUID(), version: 11, position: 99, type: 'CorrectionIssued',
      data: { targetEventId: minister.eventId, targetType: 'StatementRecorded', changes: { madeAt: '2025-11-12T21:05:00.000Z' }, before: { madeAt: minister.madeAt }, reason: 'time' },
    };
    const corrected = evolveDocument(state, correction)!.document;
    const diff = diffDocuments(state.document, corrected);
    expect(diff.statements.corrected).toEqual([{ eventId: minister.eventId, before: minister, after: { ...minister, madeAt: '2025-11-12T21:05:00.000Z', corrected: true } }]);
    expect(diff.notices.added).toEqual([]);

    expect(diffDocuments(at(1), at(2)).tallies).toEqual([
      { party: 'soldiers at the Harmanlı outpost', category: 'killed', before: null, after: at(2).tallies[0] },
    ]);
  });

  it('diffs an absent dek or body as empty text', () => {
    const withoutDek = { ...at(1), dek: null, body: null };
    const diff = diffDocuments(withoutDek, at(1));
    expect(diff.text.dek).toEqual([{ op: 'insert', text: at(1).dek }]);
    expect(diff.text.body).toEqual([{ op: 'insert', text: at(1).body }]);
  });

  it('diffs a version with itself as nothing changed', () => {
    const diff = diffDocuments(at(11), at(11));
    expect(diff.text.headline.every((run) => run.op === 'equal')).toBe(true);
    expect(diff.tallies).toEqual([]);
    expect(diff.statements).toEqual({ added: [], removed: [], corrected: [] });
    expect(diff.notices).toEqual({ added: [] });
  });

  it('works backwards too: what a later version had that an earlier one had not reads as removed', () => {
    const diff = diffDocuments(at(11), at(3));
    expect(diff.statements.removed.map((statement) => statement.speaker.name)).toEqual(['Aras Demirel']);
    expect(diff.tallies.find((change) => change.party === 'Karsan militia fighters')).toMatchObject({ after: null });
  });
});
