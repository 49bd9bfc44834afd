import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { BenchScenario } from '../harness/bench-context';
import { createScratchDatabase } from '../harness/bench-database';
import { ServiceProcess } from '../harness/service-process';
import { repeatMeasurement, spreadOf } from '../harness/statistics';
import { casualtyReportBody } from '../harness/story-bodies';

const CLIENTS = 16;
const STORIES = 100;

/**
 * The ceiling the API is compared to: the store's own `append_to_stream` (same advisory lock, same
 * idempotency check, same NOTIFY) called straight from `pg`, 16 clients, one event per transaction.
 */
export const rawBaselineScenario: BenchScenario = {
  id: 1,
  title: 'Raw append baseline (pg, 16 clients)',
  async run(context) {
    // A database no service listens on: the projection runner would otherwise apply every raw
    // append on the same two cores and the ceiling would measure the runner, not the store.
    const database = await createScratchDatabase('newsdesk_bench');
    const migrator = await ServiceProcess.start({ databaseUrl: database.url, apiKeys: context.keys.variable, env: { NEWSDESK_PROJECTIONS: 'off' } });
    await migrator.stop();
    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => connected(database.url)));
    const streams = Array.from({ length: STORIES }, () => `story-${randomUUID()}`);
    try {
      const rates = await repeatMeasurement({ warmups: 1, runs: context.sizes.runs }, async () => {
        const deadline = Date.now() + context.sizes.loadSeconds * 1_000;
        let appended = 0;
        const started = Date.now();
        await Promise.all(
          clients.map(async (client, index) => {
            for (let counter = index; Date.now() < deadline; counter += CLIENTS) {
              const event = {
                eventId: randomUUID(),
                type: 'CasualtiesReported',
                schemaVersion: 1,
                data: casualtyReportBody(counter),
                metadata: { actorId: 'bench-reporter', actorRole: 'reporter', requestId: randomUUID(), correlationId: randomUUID(), causationId: null },
              };
              await client.query('SELECT event_position, event_stream_version FROM append_to_stream($1, $2, $3::jsonb, $4)', [
                streams[counter % STORIES],
                'any',
                JSON.stringify([event]),
                new Date(),
              ]);
              appended++;
            }
          }),
        );
        return appended / ((Date.now() - started) / 1_000);
      });
      return [{ scenario: 1, metric: 'raw appends', unit: 'events/s', value: spreadOf(rates) }];
    } finally {
      await Promise.all(clients.map((client) => client.end()));
      await database.drop();
    }
  },
};

async function connected(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}
