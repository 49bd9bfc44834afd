import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EventStore } from '../../src/event-store/event-store';
import type { CorrectionItem } from '../../src/stories/projections/corrections/correction-item';
import type { ReportCasualties } from '../../src/stories/story.commands';
import { startReadsApp } from './support/reads-app';
import { bearer } from '../support/test-app';
import { StoryWriter } from './support/story-writer';

const governorToll: ReportCasualties = {
  party: 'border guard soldiers',
  category: 'killed',
  figure: { min: 19, max: 19 },
  status: 'confirmed',
  source: { name: 'Selin Arslan', role: 'governor of Karaca province' },
  asOf: '2025-11-06T19:40:00.000Z',
  location: 'Tepecik',
};

describe('corrections log', () => {
  let app: INestApplication;
  let store: EventStore;

  beforeAll(async () => {
    app = await startReadsApp();
    store = app.get(EventStore);
  });
  afterAll(() => app?.close());

  /** This suite's HTTP client: the one place to add a consumer key once auth lands. */
  const read = (path: string) => request(app.getHttpServer()).get(path).set('Authorization', bearer('consumer'));

  describe('GET /stories/:id/corrections', () => {
    it('lists corrections and retractions newest first: target, kind, reason, notice, before/after, actor and time', async () => {
      const story = new StoryWriter(store);
      await story.open();
      const toll = await story.report(governorToll);
      const quote = await story.recordStatement({ speaker: { name: 'Colonel Deniz Aydin' }, text: 'No civilians were hurt.', mode: 'quote' });
      const floor = await story.correct({
        targetEventId: toll.eventId,
        changes: { figure: { min: 19, wording: 'at least 19' }, location: null },
        reason: 'The governor gave a floor, not a final count.',
        notice: 'An earlier version said exactly 19 soldiers were killed.',
      });
      const party = await story.correct({ targetEventId: toll.eventId, changes: { party: 'gendarmes' }, reason: 'They were gendarmes.' });
      const withdrawn = await story.retract({ targetEventId: toll.eventId, reason: 'The governor withdrew the figure.', notice: 'We have removed a casualty figure.' });
      const quoteRetraction = await story.retract({ targetEventId: quote.eventId, reason: 'Not said by him.' });

      const response = await read(`/stories/${story.storyId}/corrections?minPosition=${quoteRetraction.position}`).expect(200);

      expect(Number(response.headers['x-projection-position'])).toBeGreaterThanOrEqual(quoteRetraction.position);
      expect(response.body.next).toBeNull();
      const items: CorrectionItem[] = response.body.items;
      expect(items.map((item) => item.eventId)).toEqual([quoteRetraction.eventId, withdrawn.eventId, party.eventId, floor.eventId]);
      expect(items[3]).toEqual({
        eventId: floor.eventId,
        storyId: story.storyId,
        targetEventId: toll.eventId,
        targetType: 'CasualtiesReported',
        kind: 'correction',
        reason: 'The governor gave a floor, not a final count.',
        notice: 'An earlier version said exactly 19 soldiers were killed.',
        before: { figure: { min: 19, max: 19 }, location: 'Tepecik' },
        after: { figure: { min: 19, wording: 'at least 19' }, location: null },
        actor: { id: 'jon', role: 'editor' },
        recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
      expect(items[2]).toMatchObject({ kind: 'correction', notice: null, before: { party: 'border guard soldiers' }, after: { party: 'gendarmes' } });
      // A retraction withdraws the development as it stood, every correction applied.
      expect(items[1]).toMatchObject({
        kind: 'retraction',
        targetType: 'CasualtiesReported',
        notice: 'We have removed a casualty figure.',
        after: null,
      });
      const { location: _removed, ...tollWithoutLocation } = governorToll;
      expect(items[1].before).toEqual({ ...tollWithoutLocation, party: 'gendarmes', figure: { min: 19, wording: 'at least 19' } });
      expect(items[0]).toMatchObject({ kind: 'retraction', targetType: 'StatementRecorded', before: { text: 'No civilians were hurt.' }, after: null });
    });

    it('answers a story without corrections with no items, and an unknown story with 404', async () => {
      const story = new StoryWriter(store);
      const opened = await story.open();
      await read(`/stories/${story.storyId}/corrections?minPosition=${opened.position}`).expect(200, { items: [], next: null });
      expect((await read(`/stories/${randomUUID()}/corrections`).expect(404)).body.code).toBe('story_not_found');
    });
  });

  describe('GET /corrections', () => {
    it('pages the desk-wide log newest first across stories, without repeating or skipping an entry', async () => {
      const written: string[] = [];
      let lastPosition = 0;
      for (const story of [new StoryWriter(store), new StoryWriter(store)]) {
        await story.open();
        for (let n = 0; n < 3; n++) {
          const report = await story.report({ ...governorToll, figure: { min: n, max: n } });
          const correction = await story.correct({ targetEventId: report.eventId, changes: { figure: { min: n + 1, max: n + 1 } }, reason: `Recount ${n}.` });
          written.push(correction.eventId);
          lastPosition = correction.position;
        }
      }

      const first = await read(`/corrections?limit=4&minPosition=${lastPosition}`).expect(200);
      const second = await read(`/corrections?limit=4&cursor=${first.body.next}`).expect(200);

      const newestSix = [...first.body.items, ...second.body.items].slice(0, 6).map((item: CorrectionItem) => item.eventId);
      expect(newestSix).toEqual([...written].reverse());
      expect(first.body.items).toHaveLength(4);
      expect(typeof first.body.next).toBe('string');
    });

    it.each(['limit=500', 'cursor=-1', 'kind=retraction'])('answers 400 for %s', async (query) => {
      await read(`/corrections?${query}`).expect(400);
    });
  });
});
