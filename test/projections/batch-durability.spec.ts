import { INestApplication, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store';
import type { StoredEvent } from '../../src/event-store/event-store.types';
import type { Projection, ProjectionTransaction } from '../../src/projections/projection';
import { ProjectionCheckpoints } from '../../src/projections/projection-checkpoints';
import { ProjectionRebuilder } from '../../src/projections/rebuild/projection-rebuilder';
import { newStreamId, testEvent } from '../support/event-factory';
import { openTestDataSource, testAppConfig } from '../support/test-database';
import { eventually, startToyApp } from './support/toy-app';

/** Records, per event, the `synchronous_commit` of the transaction that applied it. */
@Injectable()
class CommitModeProjection implements Projection {
  readonly name = 'toy_commit_mode';
  readonly handles = ['CommitModeProbed'];
  readonly tables = ['toy_commit_mode'];

  async apply(events: StoredEvent[], tx: ProjectionTransaction): Promise<void> {
    for (const event of events) {
      await tx.query(`INSERT INTO toy_commit_mode (event_id, mode) VALUES ($1, current_setting('synchronous_commit'))`, [event.eventId]);
    }
  }
}

describe('projection batches commit without waiting for the WAL flush', () => {
  let dataSource: DataSource;
  let app: INestApplication;

  beforeAll(async () => {
    dataSource = await openTestDataSource(2);
    await dataSource.query(`DROP TABLE IF EXISTS toy_commit_mode`);
    await dataSource.query(`CREATE TABLE toy_commit_mode (event_id uuid PRIMARY KEY, mode text NOT NULL)`);
    app = await startToyApp(testAppConfig(), [CommitModeProjection]);
  });
  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
  });

  it('in the live runner and in a rebuild, while the appends themselves keep the server default (on)', async () => {
    const events = [testEvent('CommitModeProbed', { n: 1 }), testEvent('CommitModeProbed', { n: 2 })];
    await app.get(EventStore).appendToStream(newStreamId(), events, { expectedVersion: 'no_stream' });
    const modes = async () => (await dataSource.query(`SELECT mode FROM toy_commit_mode`)).map((row: { mode: string }) => row.mode);
    await eventually('the probe projection applies both events', async () => (await modes()).length === 2);
    expect(await modes()).toEqual(['off', 'off']);

    await app.get(ProjectionRebuilder).rebuild('toy_commit_mode');
    expect(await modes()).toEqual(['off', 'off']);
    // SET LOCAL ends with its transaction: the pool's connections are back at the server's setting.
    expect((await app.get(DataSource).query(`SELECT current_setting('synchronous_commit') AS mode`))[0].mode).toBe('on');
  });
});

describe('moving a checkpoint over a batch with none of the projection\'s events', () => {
  it('is one statement whose asynchronous commit ends with it: the connection is back at the server default', async () => {
    const single = await openTestDataSource(1);
    try {
      const checkpoints = new ProjectionCheckpoints(single, { now: () => new Date() });
      await checkpoints.ensure(['toy_idle_advance']);
      const from = await checkpoints.position('toy_idle_advance');
      await expect(checkpoints.advance('toy_idle_advance', from, from + 1)).resolves.toBe(true);
      await expect(checkpoints.advance('toy_idle_advance', from, from + 2)).resolves.toBe(false);
      expect(await checkpoints.position('toy_idle_advance')).toBe(from + 1);
      // The pool has one connection: this runs on the one that just advanced.
      expect((await single.query(`SELECT current_setting('synchronous_commit') AS mode`))[0].mode).toBe('on');
    } finally {
      await single.query(`DELETE FROM projection_checkpoints WHERE name = 'toy_idle_advance'`);
      await single.destroy();
    }
  });
});
