import { asStoredEvents, harmanliTimeline } from '../../../test/versions/support/harmanli-story';
import type { StoredEvent } from '../../event-store/event-store.types';
import { foldDocument } from './evolve-document';
import { summarizeEvent } from './summarize-event';

const { storyId, events } = harmanliTimeline();
const stored = asStoredEvents(storyId, events);

/** The summary of the timeline's event at `index`, given the story before it. */
const summaryAt = (index: number, event: StoredEvent = stored[index]) => summarizeEvent(event, foldDocument(stored.slice(0, index)));

describe('summarizeEvent', () => {
  it('says what each event of the story did, in one line', () => {
    expect(stored.map((_, index) => summaryAt(index))).toEqual([
      'Story opened: Soldiers killed in strike on Harmanlı border outpost',
      'Casualties reported: soldiers at the Harmanlı outpost killed 9, per Kemal Ertan (via Eastgate News Agency)',
      'Published version 3',
      'Casualties reported: soldiers at the Harmanlı outpost killed 22, per Kemal Ertan (via Eastgate News Agency)',
      'Casualties claimed: Karsan militia fighters killed more than 200, per Ministry of Defence (via Coastline Wire)',
      'Statement by Derya Okan, mayor of Harmanlı: "We heard the first shells at half past six."',
      'Headline and body revised (toll update)',
      'Correction to the report soldiers at the Harmanlı outpost killed 22, per Kemal Ertan (via Eastgate News Agency): figure 22 → at least 22',
      'Retracted: the statement by Derya Okan, mayor of Harmanlı',
      'Statement by Aras Demirel, defence minister: "The positions that fired on the outpost were destroyed."',
      'Published version 11: late edition',
    ]);
  });

  it('reads a source without an agency as just its name, and an open-ended figure as "at least"', () => {
    const report = { ...stored[1], data: { ...stored[1].data, figure: { min: 33 }, source: { name: 'Rana Solak' } } };
    expect(summaryAt(1, report)).toBe('Casualties reported: soldiers at the Harmanlı outpost killed at least 33, per Rana Solak');
    const range = { ...stored[1], data: { ...stored[1].data, figure: { min: 30, max: 35 } } };
    expect(summaryAt(1, range)).toMatch(/killed 30-35, per/);
  });

  it('shortens a long statement and folds its line breaks, marking a paraphrase', () => {
    const long = 'The minister said that the outpost\nhad been warned twice before the strike and that reinforcements were already on the road from the provincial capital.';
    const event = { ...stored[5], data: { ...stored[5].data, text: long, mode: 'paraphrase' } };
    const summary = summaryAt(5, event);
    expect(summary).toMatch(/^Statement by Derya Okan, mayor of Harmanlı: The minister said that the outpost had been warned .*… \(paraphrase\)$/);
    expect(summary).not.toMatch(/\n/);
  });

  it('lists every field a correction changes, an emptied one as (none)', () => {
    const correction = {
      ...stored[7],
      data: { ...stored[7].data, changes: { status: 'claimed', note: null }, before: { status: 'confirmed', note: 'from the briefing' } },
    };
    expect(summaryAt(7, correction)).toMatch(/: status "confirmed" → "claimed"; note "from the briefing" → \(none\)$/);
  });

  it('names a target it cannot find by its event id rather than failing', () => {
    const retraction = { ...stored[8], data: { ...stored[8].data, targetEventId: 'f0f0f0f0-0000-4000-8000-000000000000' } };
    expect(summaryAt(8, retraction)).toBe('Retracted: event f0f0f0f0-0000-4000-8000-000000000000');
  });

  it('names every revised text', () => {
    const revision = { ...stored[6], data: { headline: 'A', dek: 'B', body: 'C' } };
    expect(summaryAt(6, revision)).toBe('Headline, dek and body revised');
  });
});
