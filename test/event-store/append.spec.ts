import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store';
import { EventIdConflictError, InvalidAppendError, WrongExpectedVersionError } from '../../src/event-store/event-store.errors';
import { UpcasterRegistry } from '../../src/event-store/upcasters';
import { newStreamId, testEvent, testMetadata } from '../support/event-factory';
import { openTestDataSource } from '../support/test-database';

describe('EventStore.appendToStream', () => {
  const now = new Date('2026-02-27T21:15:00.000Z');
  let dataSource: DataSource;
  let store: EventStore;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    store = new EventStore(dataSource, new UpcasterRegistry(), { now: () => now });
  });
  afterAll(() => dataSource.destroy());

  async function rowCount(streamId: string): Promise<number> {
    const [row] = await dataSource.query('SELECT count(*)::int AS n FROM events WHERE stream_id = $1', [streamId]);
    return row.n;
  }

  describe('expected version', () => {
    it("'no_stream' appends to a new stream and refuses an existing one, naming its version", async () => {
      const stream = newStreamId();
      const first = await store.appendToStream(stream, [testEvent(), testEvent()], { expectedVersion: 'no_stream' });
      expect(first.nextExpectedVersion).toBe(2);

      const refused = store.appendToStream(stream, [testEvent()], { expectedVersion: 'no_stream' });
      await expect(refused).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(refused).rejects.toMatchObject({ streamId: stream, expectedVersion: 'no_stream', actualVersion: 2 });
      expect(await rowCount(stream)).toBe(2);
    });

    it("'stream_exists' refuses a new stream and appends to an existing one", async () => {
      const stream = newStreamId();
      await expect(store.appendToStream(stream, [testEvent()], { expectedVersion: 'stream_exists' })).rejects.toMatchObject({
        actualVersion: 0,
      });
      expect(await rowCount(stream)).toBe(0);

      await store.appendToStream(stream, [testEvent()], { expectedVersion: 'no_stream' });
      const result = await store.appendToStream(stream, [testEvent()], { expectedVersion: 'stream_exists' });
      expect(result.nextExpectedVersion).toBe(2);
    });

    it('a number must equal the current version exactly; 0 means a new stream', async () => {
      const stream = newStreamId();
      await expect(store.appendToStream(stream, [testEvent()], { expectedVersion: 1 })).rejects.toMatchObject({ actualVersion: 0 });
      expect((await store.appendToStream(stream, [testEvent()], { expectedVersion: 0 })).nextExpectedVersion).toBe(1);
      expect((await store.appendToStream(stream, [testEvent()], { expectedVersion: 1 })).nextExpectedVersion).toBe(2);

      const stale = store.appendToStream(stream, [testEvent()], { expectedVersion: 1 });
      await expect(stale).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(stale).rejects.toMatchObject({ expectedVersion: 1, actualVersion: 2 });
      await expect(store.appendToStream(stream, [testEvent()], { expectedVersion: 3 })).rejects.toMatchObject({ actualVersion: 2 });
      expect(await rowCount(stream)).toBe(2);
    });

    it("'any' appends whatever the stream's state", async () => {
      const stream = newStreamId();
      expect((await store.appendToStream(stream, [testEvent()], { expectedVersion: 'any' })).nextExpectedVersion).toBe(1);
      expect((await store.appendToStream(stream, [testEvent()], { expectedVersion: 'any' })).nextExpectedVersion).toBe(2);
    });

    it('refuses malformed appends before touching the database', async () => {
      const stream = newStreamId();
      await expect(store.appendToStream(stream, [], { expectedVersion: 'any' })).rejects.toBeInstanceOf(InvalidAppendError);
      await expect(store.appendToStream(stream, [testEvent('T', {}, 'not-a-uuid')], { expectedVersion: 'any' })).rejects.toThrow(
        /not a UUID/,
      );
      const twice = testEvent();
      await expect(store.appendToStream(stream, [twice, twice], { expectedVersion: 'any' })).rejects.toThrow(/twice/);
      await expect(store.appendToStream(stream, [testEvent()], { expectedVersion: -1 })).rejects.toBeInstanceOf(InvalidAppendError);
      expect(await rowCount(stream)).toBe(0);
    });
  });

  it('stores a batch as one transaction: consecutive versions, increasing positions, all or nothing', async () => {
    const stream = newStreamId();
    const batch = [testEvent('A'), testEvent('B'), testEvent('C')];
    const result = await store.appendToStream(stream, batch, { expectedVersion: 'no_stream' });
    expect(result.nextExpectedVersion).toBe(3);
    expect(result.positions).toHaveLength(3);
    expect(result.positions[1]).toBe(result.positions[0] + 1);
    expect(result.positions[2]).toBe(result.positions[1] + 1);

    // The third event breaks a column constraint: none of the batch may be stored.
    const broken = [testEvent('D'), testEvent('E'), testEvent('x'.repeat(101))];
    await expect(store.appendToStream(stream, broken, { expectedVersion: 3 })).rejects.toThrow();
    expect(await rowCount(stream)).toBe(3);
  });

  it('records metadata, schema version and the injected clock', async () => {
    const stream = newStreamId();
    const metadata = testMetadata({ actorId: 'ayse', actorRole: 'reporter', causationId: '6c1d0c5e-4d8e-4a53-9d63-1f3f4f3b2a10' });
    const event = { ...testEvent('CasualtiesReported', { figure: { min: 33, max: 33 } }), metadata };
    await store.appendToStream(stream, [event], { expectedVersion: 'no_stream' });

    const [stored] = await store.readStream(stream);
    expect(stored).toMatchObject({ streamId: stream, version: 1, eventId: event.eventId, type: 'CasualtiesReported', schemaVersion: 1 });
    expect(stored.data).toEqual({ figure: { min: 33, max: 33 } });
    expect(stored.metadata).toEqual(metadata);
    expect(stored.recordedAt.toISOString()).toBe(now.toISOString());
  });

  describe('idempotency by event id', () => {
    it('a retry of the same events returns the first result and writes nothing, whatever version it expects', async () => {
      const stream = newStreamId();
      const batch = [testEvent('A', { n: 1 }), testEvent('B', { n: 2 })];
      const first = await store.appendToStream(stream, batch, { expectedVersion: 'no_stream' });
      await store.appendToStream(stream, [testEvent('C')], { expectedVersion: 2 });

      const retry = await store.appendToStream(stream, batch.map((event) => ({ ...event, metadata: testMetadata() })), {
        expectedVersion: 'no_stream',
      });
      expect(retry).toEqual(first);
      expect(await rowCount(stream)).toBe(3);
    });

    it('the same id with other content, in another stream, or mixed with new ids is a conflict', async () => {
      const stream = newStreamId();
      const event = testEvent('A', { n: 1 });
      await store.appendToStream(stream, [event], { expectedVersion: 'no_stream' });

      await expect(store.appendToStream(stream, [{ ...event, data: { n: 2 } }], { expectedVersion: 'any' })).rejects.toBeInstanceOf(
        EventIdConflictError,
      );
      await expect(store.appendToStream(stream, [{ ...event, type: 'B' }], { expectedVersion: 'any' })).rejects.toBeInstanceOf(
        EventIdConflictError,
      );
      await expect(store.appendToStream(newStreamId(), [event], { expectedVersion: 'any' })).rejects.toBeInstanceOf(EventIdConflictError);
      await expect(store.appendToStream(stream, [event, testEvent()], { expectedVersion: 'any' })).rejects.toBeInstanceOf(
        EventIdConflictError,
      );
      expect(await rowCount(stream)).toBe(1);
    });

    it('a retry with the batch in another order is a conflict', async () => {
      const stream = newStreamId();
      const [a, b] = [testEvent('A'), testEvent('B')];
      await store.appendToStream(stream, [a, b], { expectedVersion: 'no_stream' });
      await expect(store.appendToStream(stream, [b, a], { expectedVersion: 'any' })).rejects.toBeInstanceOf(EventIdConflictError);
    });
  });
});

describe('EventStore reads', () => {
  let dataSource: DataSource;
  let store: EventStore;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    store = new EventStore(dataSource, new UpcasterRegistry(), { now: () => new Date() });
  });
  afterAll(() => dataSource.destroy());

  it('readStream returns the stream in version order, between two versions when asked', async () => {
    const stream = newStreamId();
    await store.appendToStream(stream, [1, 2, 3, 4, 5].map((n) => testEvent('N', { n })), { expectedVersion: 'no_stream' });
    await store.appendToStream(newStreamId(), [testEvent()], { expectedVersion: 'no_stream' });

    expect((await store.readStream(stream)).map((event) => event.data.n)).toEqual([1, 2, 3, 4, 5]);
    expect((await store.readStream(stream, { fromVersion: 2, toVersion: 4 })).map((event) => event.version)).toEqual([2, 3, 4]);
    expect(await store.readStream(newStreamId())).toEqual([]);
    expect(await store.streamVersion(stream)).toBe(5);
  });

  it('readAll pages in global order after a position, filtered by type', async () => {
    const start = await store.headPosition();
    const stream = newStreamId();
    await store.appendToStream(stream, [testEvent('Red'), testEvent('Blue'), testEvent('Red'), testEvent('Green')], {
      expectedVersion: 'no_stream',
    });

    const page1 = await store.readAll({ after: start, limit: 2 });
    const page2 = await store.readAll({ after: page1[page1.length - 1].position, limit: 10 });
    expect([...page1, ...page2].map((event) => event.type)).toEqual(['Red', 'Blue', 'Red', 'Green']);
    expect(await store.headPosition()).toBe(page2[page2.length - 1].position);

    const reds = await store.readAll({ after: start, types: ['Red', 'Green'] });
    expect(reds.map((event) => [event.type, event.version])).toEqual([
      ['Red', 1],
      ['Red', 3],
      ['Green', 4],
    ]);
  });
});
