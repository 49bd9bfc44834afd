import { INestApplication } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { EventStore } from '../../src/event-store/event-store';
import { FeedEvent } from '../../src/feed/feed-event';
import { LiveEventHub } from '../../src/feed/live-event-hub';
import { newStreamId, testEvent } from '../support/event-factory';
import { SseClient } from '../support/sse-client';
import { describeOnRealServer } from '../support/test-database';
import { bearer, createTestApp } from '../support/test-app';

describe('event feed', () => {
  let app: INestApplication;
  let store: EventStore;
  let baseUrl: string;

  beforeAll(async () => {
    ({ app } = await createTestApp({ env: { NEWSDESK_FEED_POLL_MS: '20', NEWSDESK_SSE_HEARTBEAT_MS: '200' } }));
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    store = app.get(EventStore);
  });
  afterAll(() => app.close());

  const get = (path: string) => request(app.getHttpServer()).get(path).set('Authorization', bearer('consumer'));

  it('answers 401 without a key, and serves every role that can read', async () => {
    await request(app.getHttpServer()).get('/events').expect(401);
    await request(app.getHttpServer()).get('/events/live').expect(401);
    for (const role of ['consumer', 'reporter', 'editor', 'admin'] as const) {
      await request(app.getHttpServer()).get('/events?limit=1').set('Authorization', bearer(role)).expect(200);
    }
  });

  async function appendMany(count: number, writers: number, type = 'FeedTest', payload: Record<string, unknown> = {}): Promise<Map<string, number>> {
    const streams = Array.from({ length: 10 }, () => newStreamId());
    const committed = new Map<string, number>();
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let i = writer; i < count; i += writers) {
          const event = testEvent(type, { i, ...payload });
          const { positions } = await store.appendToStream(streams[i % streams.length], [event], { expectedVersion: 'any' });
          committed.set(event.eventId, positions[0]);
        }
      }),
    );
    return committed;
  }

  describe('GET /events', () => {
    it('pages in position order with `next`, and an empty page answers next = after', async () => {
      const start = await store.headPosition();
      const stream = newStreamId();
      await store.appendToStream(stream, [testEvent('PageA'), testEvent('PageB'), testEvent('PageC')], { expectedVersion: 'no_stream' });

      const first = await get(`/events?after=${start}&limit=2`).expect(200);
      expect(first.body.events.map((event: FeedEvent) => event.type)).toEqual(['PageA', 'PageB']);
      expect(first.body.next).toBe(first.body.events[1].position);
      const event: FeedEvent = first.body.events[0];
      expect(Object.keys(event).sort()).toEqual(
        ['data', 'eventId', 'metadata', 'position', 'recordedAt', 'schemaVersion', 'streamId', 'type', 'version'].sort(),
      );
      expect(event).toMatchObject({ streamId: stream, version: 1, schemaVersion: 1, recordedAt: expect.stringMatching(/Z$/) });

      const second = await get(`/events?after=${first.body.next}&limit=2`).expect(200);
      expect(second.body.events.map((e: FeedEvent) => e.type)).toEqual(['PageC']);
      const empty = await get(`/events?after=${second.body.next}`).expect(200);
      expect(empty.body).toEqual({ events: [], next: second.body.next });
    });

    it('filters by type, as a comma list or repeated parameter', async () => {
      const start = await store.headPosition();
      await store.appendToStream(newStreamId(), [testEvent('Kept'), testEvent('Dropped'), testEvent('AlsoKept')], { expectedVersion: 'no_stream' });
      const comma = await get(`/events?after=${start}&types=Kept,AlsoKept`).expect(200);
      expect(comma.body.events.map((e: FeedEvent) => e.type)).toEqual(['Kept', 'AlsoKept']);
      const repeated = await get(`/events?after=${start}&types=Dropped&types=Kept`).expect(200);
      expect(repeated.body.events.map((e: FeedEvent) => e.type)).toEqual(['Kept', 'Dropped']);
    });

    it.each([
      ['limit=1001', 'limit'],
      ['limit=0', 'limit'],
      ['limit=ten', 'limit'],
      ['after=-1', 'after'],
      ['after=1.5', 'after'],
      // Found by `npm run chaos` (seed 503388252): past bigint this was a 500.
      ['after=9999999999999999999999999999999999999999', 'after'],
      ['after=9007199254740992', 'after'],
      ['types=Not-A-Type', 'types'],
    ])('answers 400 naming the parameter for %s', async (query, field) => {
      const response = await get(`/events?${query}`).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(new RegExp(`^${field}`)) })]));
    });

    it('thousands of events with concurrent writers: a paging consumer sees each once, in order', async () => {
      const start = await store.headPosition();
      const seen: FeedEvent[] = [];
      let writing = true;
      const consumer = (async () => {
        let after = start;
        for (;;) {
          const stillWriting = writing;
          const { body } = await get(`/events?after=${after}&limit=250`).expect(200);
          seen.push(...body.events);
          after = body.next;
          if (body.events.length === 0) {
            if (!stillWriting) return;
            await sleep(5);
          }
        }
      })();
      const committed = await appendMany(3000, 16, 'Paged');
      writing = false;
      await consumer;

      const ours = seen.filter((event) => event.type === 'Paged');
      for (let i = 1; i < seen.length; i++) expect(seen[i].position).toBeGreaterThan(seen[i - 1].position);
      expect(ours).toHaveLength(3000);
      expect(new Map(ours.map((event) => [event.eventId, event.position]))).toEqual(committed);
    });
  });

  describe('GET /stories/:id/events', () => {
    it('returns the story stream in version order, paged by version', async () => {
      const storyId = crypto.randomUUID();
      await store.appendToStream(`story-${storyId}`, [1, 2, 3, 4, 5].map((n) => testEvent('Step', { n })), { expectedVersion: 'no_stream' });
      const page = await get(`/stories/${storyId}/events?after=1&limit=3`).expect(200);
      expect(page.body.events.map((e: FeedEvent) => e.version)).toEqual([2, 3, 4]);
      expect(page.body.next).toBe(4);
      const all = await get(`/stories/${storyId}/events`).expect(200);
      expect(all.body.events.map((e: FeedEvent) => e.data.n)).toEqual([1, 2, 3, 4, 5]);
    });

    it('answers 404 for an unknown story and 400 for an id that is not a UUID', async () => {
      await get(`/stories/${crypto.randomUUID()}/events`).expect(404);
      await get('/stories/not-a-uuid/events').expect(400);
    });

    it('answers 400 naming after for a version past the integer range, and an empty page at its very end', async () => {
      const storyId = crypto.randomUUID();
      await store.appendToStream(`story-${storyId}`, [testEvent('Step', { n: 1 })], { expectedVersion: 'no_stream' });
      const refused = await get(`/stories/${storyId}/events?after=2147483648`).expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'after' })]);
      await get(`/stories/${storyId}/events?after=2147483647`).expect(200, { events: [], next: 2147483647 });
    });
  });

  describe('GET /events/live', () => {
    const live = (query = '', headers: Record<string, string> = {}) =>
      new SseClient(`${baseUrl}/events/live${query}`, { Authorization: bearer('consumer'), ...headers }).open();
    const positions = (client: SseClient) => client.messages.map((message) => Number(message.id));

    it('catches up from Last-Event-ID, then goes live, with no gap and no duplicate at the seam', async () => {
      const before = await appendMany(50, 2, 'Seam');
      const after = Math.min(...before.values()) - 1;
      const writers = appendMany(400, 8, 'Seam');
      const client = await live('', { 'Last-Event-ID': String(after) });
      const written = await writers;
      const expected = [...before.values(), ...written.values()].sort((a, b) => a - b);
      await client.until((c) => c.messages.filter((m) => m.event === 'Seam').length >= expected.length);
      client.close();

      const seam = client.messages.filter((message) => message.event === 'Seam');
      expect(seam.map((message) => Number(message.id))).toEqual(expected);
      const all = positions(client);
      expect(new Set(all).size).toBe(all.length);
      for (let i = 1; i < all.length; i++) expect(all[i]).toBeGreaterThan(all[i - 1]);
      const first = JSON.parse(seam[0].data) as FeedEvent;
      expect(first).toMatchObject({ position: Number(seam[0].id), type: 'Seam', data: { i: expect.any(Number) } });
    });

    it('resumes with Last-Event-ID after a drop and ends with exactly the events the store holds', async () => {
      const start = await store.headPosition();
      const first = await live(`?after=${start}&types=Resume`);
      const writing = appendMany(300, 4, 'Resume');
      await first.until((c) => c.messages.length >= 50);
      first.close();
      const lastId = first.messages[first.messages.length - 1].id as string;
      const committed = await writing;

      const second = await live('?types=Resume', { 'Last-Event-ID': lastId });
      await second.until((c) => first.messages.length + c.messages.length >= committed.size);
      second.close();
      const received = [...positions(first), ...positions(second)];
      expect(received).toEqual([...committed.values()].sort((a, b) => a - b));
    });

    it('without a cursor starts at the head and sends only new events', async () => {
      await appendMany(5, 1, 'Old');
      const client = await live('?types=Old,New');
      await sleep(100);
      const committed = await appendMany(5, 1, 'New');
      await client.until((c) => c.messages.length >= 5);
      await sleep(100);
      client.close();
      expect(client.messages.map((m) => m.event)).toEqual(['New', 'New', 'New', 'New', 'New']);
      expect(positions(client)).toEqual([...committed.values()].sort((a, b) => a - b));
    });

    it('keeps idle connections open with heartbeat comments', async () => {
      const client = await live();
      await client.until((c) => c.comments.filter((comment) => comment === 'heartbeat').length >= 2);
      client.close();
    });

    it('answers 400 for a Last-Event-ID that is not a position', async () => {
      const client = await live('', { 'Last-Event-ID': 'yesterday' });
      expect(client.status).toBe(400);
      client.close();
    });
  });
});

describeOnRealServer('event feed at scale', () => {
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    ({ app } = await createTestApp({ env: { NEWSDESK_FEED_POLL_MS: '20', NEWSDESK_SSE_MAX_BUFFER_BYTES: '65536' } }));
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(() => app.close());

  it('100 concurrent live clients all receive every event, in order', async () => {
    const store = app.get(EventStore);
    const start = await store.headPosition();
    const clients = await Promise.all(Array.from({ length: 100 }, () => new SseClient(`${baseUrl}/events/live?after=${start}`, { Authorization: bearer('consumer') }).open()));
    const stream = newStreamId();
    const positions: number[] = [];
    for (let i = 0; i < 40; i++) {
      const { positions: [position] } = await store.appendToStream(stream, [testEvent('Fanout', { i })], { expectedVersion: 'any' });
      positions.push(position);
    }
    await Promise.all(clients.map((client) => client.until((c) => c.messages.length >= positions.length)));
    for (const client of clients) {
      client.close();
      expect(client.messages.map((m) => Number(m.id))).toEqual(positions);
    }
  });

  it('disconnects a client that stops reading instead of buffering without bound', async () => {
    const store = app.get(EventStore);
    await openClientThatNeverReads(`${baseUrl}/events/live`);
    // Keep writing until the server gives up on the client; bounded, so a server that buffers
    // without limit fails the test instead of hanging it.
    const bulky = 'x'.repeat(50_000);
    // The server's side is asserted: when it cuts the client off while the socket buffers are full
    // (it may be catching up), the paused client cannot see the close until it reads.
    const hub = app.get(LiveEventHub);
    for (let i = 0; i < 2_000 && hub.clients > 0; i++) {
      await store.appendToStream(newStreamId(), [testEvent('Bulky', { bulky })], { expectedVersion: 'no_stream' });
      if (i % 50 === 49) await sleep(50);
    }
    await sleep(500);
    expect(hub.clients).toBe(0);
  }, 120_000);
});

describeOnRealServer('event feed: a client that stops reading while it catches up', () => {
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    // A limit above one catch-up page (500 small events), so the write path alone never cuts this client off.
    ({ app } = await createTestApp({ env: { NEWSDESK_FEED_POLL_MS: '20', NEWSDESK_SSE_MAX_BUFFER_BYTES: '1048576' } }));
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(() => app.close());

  it('is cut off once the live events held for it pass the limit, instead of being held without bound', async () => {
    const store = app.get(EventStore);
    const start = await store.headPosition();
    // A backlog far larger than the socket buffers: catch-up stalls waiting for the client to drain.
    for (let n = 0; n < 40; n++) {
      await store.appendToStream(newStreamId(), Array.from({ length: 1_000 }, (_, i) => testEvent('Backlog', { i })), { expectedVersion: 'no_stream' });
    }
    await openClientThatNeverReads(`${baseUrl}/events/live?after=${start}`);
    const hub = app.get(LiveEventHub);
    await sleep(1_000);
    expect(hub.clients).toBe(1);

    // Live events while it is stuck in catch-up: 3 MB of them, three times the limit. The server's
    // side is what is asserted: with full socket buffers the client may not see the close at once.
    const bulky = 'x'.repeat(100_000);
    for (let i = 0; i < 30 && hub.clients > 0; i++) {
      await store.appendToStream(newStreamId(), [testEvent('Bulky', { bulky })], { expectedVersion: 'no_stream' });
      await sleep(30);
    }
    await sleep(500);
    expect(hub.clients).toBe(0);
  }, 120_000);
});

/** Opens a live-feed request and never reads it: once the socket buffers are full, the server's unsent bytes grow. */
async function openClientThatNeverReads(address: string): Promise<void> {
  const { request: httpRequest } = await import('node:http');
  const url = new URL(address);
  await new Promise<void>((resolve, reject) => {
    const headers = { Accept: 'text/event-stream', Authorization: bearer('consumer') };
    const req = httpRequest({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, headers }, (res) => {
      res.pause();
      resolve();
    });
    req.on('error', reject);
    req.end();
  });
}
