import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EventStore } from '../../src/event-store/event-store';
import type { StoryListItem } from '../../src/stories/projections/stories-list/story-list-item';
import { startReadsApp } from './support/reads-app';
import { bearer } from '../support/test-app';
import { StoryWriter } from './support/story-writer';

describe('GET /stories', () => {
  let app: INestApplication;
  let store: EventStore;

  beforeAll(async () => {
    app = await startReadsApp();
    store = app.get(EventStore);
  });
  afterAll(() => app?.close());

  /** This suite's HTTP client: the one place to add a consumer key once auth lands. */
  const read = (path: string) => request(app.getHttpServer()).get(path).set('Authorization', bearer('consumer'));

  /** A desk of its own per test, since every suite of the run shares the database. */
  const newDesk = () => `desk-${randomUUID().slice(0, 8)}`;

  it('lists stories newest change first with headline, status, version, published version and last change', async () => {
    const desk = newDesk();
    const older = new StoryWriter(store);
    const newer = new StoryWriter(store);
    await older.open({ desk, headline: 'Villages near the border evacuated' });
    await newer.open({ desk, headline: 'Border post shelled', slug: `border-post-${desk}` });
    await newer.report({ party: 'soldiers', category: 'killed', figure: { min: 9, max: 9 }, status: 'confirmed', source: { name: 'Selin Arslan' }, asOf: '2025-11-06T19:00:00.000Z' });
    await newer.publish();
    const revised = await newer.revise({ headline: 'Nine soldiers killed as border post is shelled' });

    const response = await read(`/stories?desk=${desk}&minPosition=${revised.position}`).expect(200);

    expect(Number(response.headers['x-projection-position'])).toBeGreaterThanOrEqual(revised.position);
    expect(response.body).toEqual({
      items: [
        {
          id: newer.storyId,
          slug: `border-post-${desk}`,
          headline: 'Nine soldiers killed as border post is shelled',
          desk,
          status: 'published',
          version: 4,
          publishedVersion: 3,
          updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        },
        expect.objectContaining({ id: older.storyId, headline: 'Villages near the border evacuated', status: 'draft', version: 1, publishedVersion: null }),
      ],
      next: null,
    });
    const [first, second] = response.body.items as StoryListItem[];
    expect(Date.parse(first.updatedAt)).toBeGreaterThanOrEqual(Date.parse(second.updatedAt));

    const touched = await older.recordStatement({ speaker: { name: 'Mayor' }, text: 'Buses are waiting.', mode: 'quote' });
    const reordered = await read(`/stories?desk=${desk}&minPosition=${touched.position}`).expect(200);
    expect(reordered.body.items.map((item: StoryListItem) => [item.id, item.version])).toEqual([
      [older.storyId, 2],
      [newer.storyId, 4],
    ]);
  });

  it('filters by status and by desk (blind to case), and pages with the cursor in next', async () => {
    const desk = newDesk();
    const stories = [new StoryWriter(store), new StoryWriter(store), new StoryWriter(store)];
    let last = 0;
    for (const story of stories) last = (await story.open({ desk })).position;
    last = (await stories[1].publish()).position;

    const published = await read(`/stories?desk=${desk.toUpperCase()}&status=published&minPosition=${last}`).expect(200);
    expect(published.body.items.map((item: StoryListItem) => item.id)).toEqual([stories[1].storyId]);
    const drafts = await read(`/stories?desk=${desk}&status=draft`).expect(200);
    expect(drafts.body.items.map((item: StoryListItem) => item.id)).toEqual([stories[2].storyId, stories[0].storyId]);

    const first = await read(`/stories?desk=${desk}&limit=2`).expect(200);
    const second = await read(`/stories?desk=${desk}&limit=2&cursor=${first.body.next}`).expect(200);
    expect([...first.body.items, ...second.body.items].map((item: StoryListItem) => item.id)).toEqual([
      stories[1].storyId,
      stories[2].storyId,
      stories[0].storyId,
    ]);
    expect(second.body.next).toBeNull();
  });

  it.each(['status=archived', 'limit=201', 'cursor=next', 'sort=headline'])('answers 400 for %s', async (query) => {
    await read(`/stories?${query}`).expect(400);
  });
});
