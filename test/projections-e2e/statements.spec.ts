import { randomUUID } from 'node:crypto';
import type { StatementSearchItem } from '../../src/stories/projections/statements/statement-item';
import type { RecordStatement } from '../../src/stories/story.commands';
import { useReadsApp } from './support/reads-app';
import { StoryWriter } from './support/story-writer';

describe('statements', () => {
  const suite = useReadsApp();
  const { read } = suite;

  /** Names unique to one test, since every suite of the run shares the database. */
  const unique = () => randomUUID().slice(0, 8);

  function statement(name: string, overrides: Partial<RecordStatement> = {}): RecordStatement {
    return { speaker: { name, role: 'spokesman', organization: 'Ministry of Defence' }, text: 'Our positions returned fire.', mode: 'quote', ...overrides };
  }

  describe('GET /stories/:id/statements', () => {
    it('lists the story\'s statements in the order recorded, corrections applied, retractions marked, absent fields null', async () => {
      const story = new StoryWriter(suite.store);
      await story.open();
      const quote = await story.recordStatement(
        statement('Colonel Deniz Aydin', { channel: 'written statement', via: 'Northline Press', madeAt: '2025-11-06T20:15:00.000Z' }),
      );
      const paraphrase = await story.recordStatement({ speaker: { name: 'Selin Arslan' }, text: 'The governor said rescue teams reached the post.', mode: 'paraphrase' });
      const withdrawn = await story.recordStatement(statement('Colonel Deniz Aydin', { text: 'No civilians were hurt.' }));
      await story.correct({ targetEventId: quote.eventId, changes: { text: 'Every position that fired was answered.', via: null }, reason: 'Misquoted.' });
      const last = await story.retract({ targetEventId: withdrawn.eventId, reason: 'The ministry denies saying it.' });
      await story.report({ party: 'soldiers', category: 'killed', figure: { min: 3, max: 3 }, status: 'confirmed', source: { name: 'Selin Arslan' }, asOf: '2025-11-06T19:00:00.000Z' });

      const response = await read(`/stories/${story.storyId}/statements?minPosition=${last.position}`).expect(200);

      expect(Number(response.headers['x-projection-position'])).toBeGreaterThanOrEqual(last.position);
      expect(response.body).toEqual({
        items: [
          {
            eventId: quote.eventId,
            speaker: { name: 'Colonel Deniz Aydin', role: 'spokesman', organization: 'Ministry of Defence' },
            text: 'Every position that fired was answered.',
            mode: 'quote',
            channel: 'written statement',
            via: null,
            madeAt: '2025-11-06T20:15:00.000Z',
            corrected: true,
            retracted: false,
          },
          {
            eventId: paraphrase.eventId,
            speaker: { name: 'Selin Arslan' },
            text: 'The governor said rescue teams reached the post.',
            mode: 'paraphrase',
            channel: null,
            via: null,
            madeAt: null,
            corrected: false,
            retracted: false,
          },
          expect.objectContaining({ eventId: withdrawn.eventId, text: 'No civilians were hurt.', corrected: false, retracted: true }),
        ],
      });
    });

    it('answers an opened story without statements with no items, and an unknown story with 404', async () => {
      const story = new StoryWriter(suite.store);
      const opened = await story.open();
      await read(`/stories/${story.storyId}/statements?minPosition=${opened.position}`).expect(200, { items: [] });
      expect((await read(`/stories/${randomUUID()}/statements`).expect(404)).body.code).toBe('story_not_found');
      await read('/stories/42/statements').expect(400);
    });
  });

  describe('GET /statements', () => {
    it('finds a speaker\'s statements across stories, newest first, by name or organization blind to case and spaces', async () => {
      const name = `Deniz Aydin ${unique()}`;
      const organization = `Ministry ${unique()}`;
      const first = new StoryWriter(suite.store);
      const second = new StoryWriter(suite.store);
      await first.open();
      await second.open();
      const a = await first.recordStatement(statement(name, { speaker: { name, organization } }));
      await first.recordStatement(statement(`Someone else ${unique()}`, { speaker: { name: 'Someone else', organization } }));
      const b = await second.recordStatement(statement(name, { speaker: { name } }));
      const c = await second.recordStatement(statement(name, { speaker: { name, organization } }));

      const byName = await read(`/statements?speaker=${encodeURIComponent(`  ${name.toUpperCase()} `)}&minPosition=${c.position}`).expect(200);
      expect(byName.body.items.map((item: StatementSearchItem) => [item.eventId, item.storyId])).toEqual([
        [c.eventId, second.storyId],
        [b.eventId, second.storyId],
        [a.eventId, first.storyId],
      ]);
      expect(byName.body.next).toBeNull();

      const byOrganization = await read(`/statements?organization=${encodeURIComponent(organization.toLowerCase().replace(' ', '   '))}`).expect(200);
      expect(byOrganization.body.items).toHaveLength(3);
      const both = await read(`/statements?speaker=${encodeURIComponent(name)}&organization=${encodeURIComponent(organization)}`).expect(200);
      expect(both.body.items.map((item: StatementSearchItem) => item.eventId)).toEqual([c.eventId, a.eventId]);
      await read(`/statements?speaker=${encodeURIComponent(name.split(' ')[0])}`).expect(200, { items: [], next: null });
    });

    it('pages with limit and the cursor in next, without repeating or skipping a statement', async () => {
      const name = `Leyla Sahin ${unique()}`;
      const story = new StoryWriter(suite.store);
      await story.open();
      const recorded: string[] = [];
      let lastPosition = 0;
      for (let n = 0; n < 5; n++) {
        const appended = await story.recordStatement(statement(name, { text: `Update number ${n}.` }));
        recorded.push(appended.eventId);
        lastPosition = appended.position;
      }

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `/statements?speaker=${encodeURIComponent(name)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await read(pages === 0 ? `${query}&minPosition=${lastPosition}` : query).expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((item: StatementSearchItem) => item.eventId));
        cursor = page.body.next;
        pages++;
      } while (cursor !== null);

      expect(pages).toBe(3);
      expect(seen).toEqual([...recorded].reverse());
    });

    it.each(['limit=201', 'limit=0', 'cursor=abc', 'speaker=', 'colour=red'])('answers 400 for %s', async (query) => {
      await read(`/statements?${query}`).expect(400);
    });

    // Found by `npm run chaos` (seed 503159930): a NUL reached PostgreSQL, which cannot store it, and the answer was a 500.
    it.each([
      ['organization=%00', 'organization'],
      ['speaker=Ivo%00Saric', 'speaker'],
    ])('answers 400 unsupported_character naming the parameter for %s', async (query, field) => {
      const response = await read(`/statements?${query}`).expect(400);
      expect(response.body).toMatchObject({ code: 'unsupported_character', errors: [{ field }] });
    });
  });
});
