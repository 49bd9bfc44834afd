import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store';
import { StoredEvent } from '../../src/event-store/event-store.types';
import { UpcasterRegistry } from '../../src/event-store/upcasters';
import { newStreamId, testEvent } from '../support/event-factory';
import { describeOnRealServer, openTestDataSource } from '../support/test-database';

/** Resolves to true when the promise settled within `ms`, false when it is still pending. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([promise.then(() => true, () => true), sleep(ms).then(() => false)]);
}

describeOnRealServer('gap-safe global order', () => {
  let dataSource: DataSource;
  let store: EventStore;

  beforeAll(async () => {
    dataSource = await openTestDataSource(20);
    store = new EventStore(dataSource, new UpcasterRegistry(), { now: () => new Date() });
  });
  afterAll(() => dataSource.destroy());

  it('never shows a later append while an earlier one is still open, then shows both in order', async () => {
    const start = await store.headPosition();
    const held = dataSource.createQueryRunner();
    await held.connect();
    await held.startTransaction();
    const heldEvent = testEvent('Held');
    const heldResult = await store.appendToStream(newStreamId(), [heldEvent], { expectedVersion: 'no_stream', queryRunner: held });

    const later = [newStreamId(), newStreamId(), newStreamId()].map((stream) =>
      store.appendToStream(stream, [testEvent('Later')], { expectedVersion: 'no_stream' }),
    );
    // The later writers wait for the open one: they cannot take a position or commit before it.
    expect(await settlesWithin(Promise.all(later), 500)).toBe(false);
    expect(await store.readAll({ after: start })).toEqual([]);

    await held.commitTransaction();
    await held.release();
    const laterResults = await Promise.all(later);

    const seen = await store.readAll({ after: start });
    expect(seen.map((event) => event.type)).toEqual(['Held', 'Later', 'Later', 'Later']);
    expect(seen[0].position).toBe(heldResult.positions[0]);
    for (const result of laterResults) expect(result.positions[0]).toBeGreaterThan(heldResult.positions[0]);
    expectStrictlyIncreasing(seen);
  });

  it('a rolled-back append leaves a harmless hole that readers step over', async () => {
    const start = await store.headPosition();
    const aborted = dataSource.createQueryRunner();
    await aborted.connect();
    await aborted.startTransaction();
    const { positions: [hole] } = await store.appendToStream(newStreamId(), [testEvent('Aborted')], { expectedVersion: 'no_stream', queryRunner: aborted });
    const after = store.appendToStream(newStreamId(), [testEvent('After')], { expectedVersion: 'no_stream' });
    await aborted.rollbackTransaction();
    await aborted.release();
    const { positions: [next] } = await after;

    expect(next).toBeGreaterThan(hole);
    const seen = await store.readAll({ after: start });
    expect(seen.map((event) => [event.type, event.position])).toEqual([['After', next]]);
    expect(await store.readAll({ after: hole - 1 })).toHaveLength(1);
  });

  /**
   * Writers append concurrently while a reader pages the global order: the reader must see every
   * event once, in order, and every stream must have consecutive versions.
   */
  async function writeWhileReading(storeOf: (writer: number) => EventStore, writers: number, appendsPerWriter: number): Promise<void> {
    const streams = Array.from({ length: 10 }, () => newStreamId());
    const ours = new Set(streams);
    const start = await store.headPosition();
    const committed = new Map<string, number>();
    let writing = true;

    const write = async (writer: number) => {
      for (let i = 0; i < appendsPerWriter; i++) {
        const event = testEvent('Written', { writer, i });
        const stream = streams[(writer + i) % streams.length];
        const { positions } = await storeOf(writer).appendToStream(stream, [event], { expectedVersion: 'any' });
        committed.set(event.eventId, positions[0]);
      }
    };

    const read = async () => {
      const seen: StoredEvent[] = [];
      let cursor = start;
      for (;;) {
        const stillWriting = writing;
        const page = await store.readAll({ after: cursor, limit: 37 });
        seen.push(...page);
        if (page.length) cursor = page[page.length - 1].position;
        else if (!stillWriting) return seen;
        else await sleep(2);
      }
    };

    const reader = read();
    await Promise.all(Array.from({ length: writers }, (_, writer) => write(writer)));
    writing = false;
    const seen = (await reader).filter((event) => ours.has(event.streamId));

    expectStrictlyIncreasing(seen);
    expect(seen).toHaveLength(writers * appendsPerWriter);
    expect(new Set(seen.map((event) => event.eventId)).size).toBe(seen.length);
    expect(new Map(seen.map((event) => [event.eventId, event.position]))).toEqual(committed);

    for (const stream of streams) {
      const versions = (await store.readStream(stream)).map((event) => event.version);
      expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
    }
  }

  it('50 writers × 40 appends over 10 streams: a concurrent reader sees every event once, in order, and streams have no holes', async () => {
    await writeWhileReading(() => store, 50, 40);
  });

  it('the same through 5 stores (as 5 service processes, each group-committing on its own): groups still commit in order', async () => {
    // Each store forms its own groups, so several append_batch transactions race for the ordering lock.
    const stores = Array.from({ length: 5 }, () => new EventStore(dataSource, new UpcasterRegistry(), { now: () => new Date() }));
    await writeWhileReading((writer) => stores[writer % stores.length], 50, 40);
  });
});

function expectStrictlyIncreasing(events: StoredEvent[]): void {
  for (let i = 1; i < events.length; i++) expect(events[i].position).toBeGreaterThan(events[i - 1].position);
}
