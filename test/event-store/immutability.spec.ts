import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store';
import { UpcasterRegistry } from '../../src/event-store/upcasters';
import { newStreamId, testEvent } from '../support/event-factory';
import { openTestDataSource } from '../support/test-database';

describe('the events table is append-only in the database itself', () => {
  let dataSource: DataSource;
  let streamId: string;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    streamId = newStreamId();
    const store = new EventStore(dataSource, new UpcasterRegistry(), { now: () => new Date() });
    await store.appendToStream(streamId, [testEvent('Original', { figure: 33 })], { expectedVersion: 'no_stream' });
  });
  afterAll(() => dataSource.destroy());

  const refusal = /the events table is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed/;

  it.each([
    ['UPDATE', `UPDATE events SET data = '{"figure": 34}' WHERE stream_id = $1`],
    ['DELETE', 'DELETE FROM events WHERE stream_id = $1'],
  ])('refuses raw SQL %s with a message saying a correction is a new event', async (_operation, sql) => {
    const failure = dataSource.query(sql, [streamId]);
    await expect(failure).rejects.toThrow(refusal);
    await expect(failure).rejects.toMatchObject({ driverError: expect.objectContaining({ hint: expect.stringMatching(/appending a new event/) }) });
    const [row] = await dataSource.query('SELECT data FROM events WHERE stream_id = $1', [streamId]);
    expect(row.data).toEqual({ figure: 33 });
  });

  it('refuses TRUNCATE, which fires no row trigger', async () => {
    await expect(dataSource.query('TRUNCATE events')).rejects.toThrow(refusal);
    const [row] = await dataSource.query('SELECT count(*)::int AS n FROM events WHERE stream_id = $1', [streamId]);
    expect(row.n).toBe(1);
  });
});
