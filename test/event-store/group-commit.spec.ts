import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store';
import { EventIdConflictError, WrongExpectedVersionError } from '../../src/event-store/event-store.errors';
import { AppendResult, NewEvent } from '../../src/event-store/event-store.types';
import { UpcasterRegistry } from '../../src/event-store/upcasters';
import { newStreamId, testEvent } from '../support/event-factory';
import { describeOnRealServer, openTestDataSource } from '../support/test-database';

const ORDERING_LOCK = 4_711_000_001;

/** Settles a promise into a value either way, so a test can look at every answer of a group. */
function outcome(promise: Promise<AppendResult>): Promise<{ ok: AppendResult } | { error: unknown }> {
  return promise.then(
    (ok) => ({ ok }),
    (error: unknown) => ({ error }),
  );
}

describeOnRealServer('group commit of appends', () => {
  let dataSource: DataSource;
  let store: EventStore;

  beforeAll(async () => {
    dataSource = await openTestDataSource(5);
    store = new EventStore(dataSource, new UpcasterRegistry(), { now: () => new Date() });
  });
  afterAll(() => dataSource.destroy());

  /**
   * Takes the ordering lock in another session and starts one append, which stays in flight (waiting
   * for the lock) until `release` is called: everything appended meanwhile queues into one group.
   */
  async function withAppendInFlight(): Promise<{ inFlight: Promise<AppendResult>; release: () => Promise<void> }> {
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT pg_advisory_xact_lock($1)', [ORDERING_LOCK]);
    const inFlight = store.appendToStream(newStreamId(), [testEvent('InFlight')], { expectedVersion: 'no_stream' });
    return {
      inFlight,
      release: async () => {
        await holder.commitTransaction();
        await holder.release();
      },
    };
  }

  /** The transactions that wrote these events (PostgreSQL's xmin of each row). */
  async function writingTransactions(events: readonly NewEvent[]): Promise<string[]> {
    const rows: { tx: string }[] = await dataSource.query('SELECT DISTINCT xmin::text AS tx FROM events WHERE event_id = ANY($1::uuid[])', [
      events.map((event) => event.eventId),
    ]);
    return rows.map((row) => row.tx);
  }

  it('appends queued behind one in flight share one transaction, each getting exactly its own answer', async () => {
    const existing = newStreamId();
    const stored = testEvent('Stored', { n: 1 });
    const first = await store.appendToStream(existing, [stored], { expectedVersion: 'no_stream' });
    const twice = newStreamId();
    const [fresh, twiceFirst, twiceSecond, shared] = [testEvent('Fresh'), testEvent('T1'), testEvent('T2'), testEvent('Shared')];

    const { inFlight, release } = await withAppendInFlight();
    const answers = [
      store.appendToStream(newStreamId(), [fresh], { expectedVersion: 'no_stream' }),
      store.appendToStream(existing, [testEvent('Stale')], { expectedVersion: 5 }),
      store.appendToStream(existing, [stored], { expectedVersion: 'no_stream' }),
      store.appendToStream(existing, [{ ...stored, data: { n: 2 } }], { expectedVersion: 'any' }),
      store.appendToStream(twice, [twiceFirst], { expectedVersion: 'no_stream' }),
      store.appendToStream(twice, [twiceSecond], { expectedVersion: 1 }),
      store.appendToStream(twice, [testEvent('T3')], { expectedVersion: 'no_stream' }),
      store.appendToStream(newStreamId(), [shared], { expectedVersion: 'no_stream' }),
      store.appendToStream(newStreamId(), [shared], { expectedVersion: 'no_stream' }),
    ].map(outcome);
    await release();
    await inFlight;
    const [ok, stale, replay, conflict, sameStream1, sameStream2, sameStream3, sharedFirst, sharedSecond] = await Promise.all(answers);

    expect(ok).toEqual({ ok: { nextExpectedVersion: 1, positions: [expect.any(Number)] } });
    expect(stale).toEqual({ error: expect.any(WrongExpectedVersionError) });
    expect(stale).toMatchObject({ error: { streamId: existing, expectedVersion: 5, actualVersion: 1 } });
    expect(replay).toEqual({ ok: first });
    expect(conflict).toEqual({ error: expect.any(EventIdConflictError) });
    // The same stream twice behaves as if sequential: the second sees the first.
    expect(sameStream1).toMatchObject({ ok: { nextExpectedVersion: 1 } });
    expect(sameStream2).toMatchObject({ ok: { nextExpectedVersion: 2 } });
    expect(sameStream3).toMatchObject({ error: { actualVersion: 2 } });
    // One event id sent to two streams in one group: the first is written, the second sees it.
    expect(sharedFirst).toMatchObject({ ok: { nextExpectedVersion: 1 } });
    expect(sharedSecond).toEqual({ error: expect.any(EventIdConflictError) });

    expect((await store.readStream(existing)).map((event) => event.eventId)).toEqual([stored.eventId]);
    expect((await store.readStream(twice)).map((event) => event.type)).toEqual(['T1', 'T2']);
    expect(await writingTransactions([fresh, twiceFirst, twiceSecond, shared])).toHaveLength(1);
  });

  it('a retry in the same group as its first send is answered with the first result', async () => {
    const stream = newStreamId();
    const event = testEvent('Once');
    const { inFlight, release } = await withAppendInFlight();
    const sends = [1, 2, 3].map(() => store.appendToStream(stream, [event], { expectedVersion: 'no_stream' }));
    await release();
    await inFlight;
    const [a, b, c] = await Promise.all(sends);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('members whose data the database refuses fail alone; the rest of their group is written', async () => {
    const [before, after] = [testEvent('Before'), testEvent('After')];
    const [broken, unstorable] = [newStreamId(), newStreamId()];
    const { inFlight, release } = await withAppendInFlight();
    const answers = [
      store.appendToStream(newStreamId(), [before], { expectedVersion: 'no_stream' }),
      store.appendToStream(broken, [testEvent('x'.repeat(101))], { expectedVersion: 'no_stream' }),
      store.appendToStream(unstorable, [testEvent('Nul', { text: 'a\u0000b' })], { expectedVersion: 'no_stream' }),
      store.appendToStream(newStreamId(), [after], { expectedVersion: 'no_stream' }),
    ].map(outcome);
    await release();
    await inFlight;
    const [first, culprit, nul, last] = await Promise.all(answers);

    expect(first).toMatchObject({ ok: { nextExpectedVersion: 1 } });
    // A CHECK constraint (type longer than 100) and a data exception (jsonb cannot hold \u0000).
    expect(culprit).toMatchObject({ error: { driverError: { code: '23514' } } });
    expect(nul).toMatchObject({ error: { driverError: { code: '22P05' } } });
    expect(last).toMatchObject({ ok: { nextExpectedVersion: 1 } });
    expect(await store.readStream(broken)).toEqual([]);
    expect(await store.readStream(unstorable)).toEqual([]);
    expect((first as { ok: AppendResult }).ok.positions[0]).toBeLessThan((last as { ok: AppendResult }).ok.positions[0]);
  });

  it('an idle store writes an append at once, in a transaction of its own', async () => {
    const [a, b] = [testEvent('A'), testEvent('B')];
    await store.appendToStream(newStreamId(), [a], { expectedVersion: 'no_stream' });
    await store.appendToStream(newStreamId(), [b], { expectedVersion: 'no_stream' });
    expect(await writingTransactions([a, b])).toHaveLength(2);
  });
});
