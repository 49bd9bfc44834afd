import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store';
import { Upcaster, UpcasterRegistry } from '../../src/event-store/upcasters';
import { newStreamId, testMetadata } from '../support/event-factory';
import { openTestDataSource } from '../support/test-database';

// The statement schema once kept the speaker as one string; now it is { name, role?, organization? }.
const speakerFromString: Upcaster = {
  type: 'StatementRecorded',
  fromVersion: 1,
  upcast: ({ speaker, ...rest }) => ({ ...rest, speaker: { name: speaker } }),
};

describe('schema evolution through upcasters', () => {
  let dataSource: DataSource;
  beforeAll(async () => (dataSource = await openTestDataSource()));
  afterAll(() => dataSource.destroy());

  it('stores events at the schema they were written in and reads them in the current shape', async () => {
    const clock = { now: () => new Date() };
    const stream = newStreamId();
    const oldWriter = new EventStore(dataSource, new UpcasterRegistry(), clock);
    const oldEvent = { eventId: crypto.randomUUID(), type: 'StatementRecorded', data: { speaker: 'Provincial governor', text: 'Nine hurt.' }, metadata: testMetadata() };
    await oldWriter.appendToStream(stream, [oldEvent], { expectedVersion: 'no_stream' });

    const store = new EventStore(dataSource, new UpcasterRegistry([speakerFromString]), clock);
    const newEvent = { eventId: crypto.randomUUID(), type: 'StatementRecorded', data: { speaker: { name: 'Ministry spokesperson' }, text: 'Confirmed.' }, metadata: testMetadata() };
    await store.appendToStream(stream, [newEvent], { expectedVersion: 1 });

    const rows = await dataSource.query('SELECT schema_version, data FROM events WHERE stream_id = $1 ORDER BY stream_version', [stream]);
    expect(rows.map((row: { schema_version: number }) => row.schema_version)).toEqual([1, 2]);
    expect(rows[0].data.speaker).toBe('Provincial governor');

    const read = await store.readStream(stream);
    expect(read.map((event) => [event.schemaVersion, event.data.speaker])).toEqual([
      [2, { name: 'Provincial governor' }],
      [2, { name: 'Ministry spokesperson' }],
    ]);
    const [fromAll] = (await store.readAll({ after: read[0].position - 1, limit: 1 }));
    expect(fromAll.data).toEqual({ speaker: { name: 'Provincial governor' }, text: 'Nine hurt.' });
  });
});
