import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { InvalidConfigError, loadAppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { openDatabaseEndpoint } from './database-endpoint';

/**
 * `npm run migration:run` / `npm run migration:revert`: the same migrations the service runs at
 * start-up, against DATABASE_URL or the embedded PostgreSQL's data folder.
 */
async function main(command: string | undefined): Promise<void> {
  if (command !== 'run' && command !== 'revert') {
    throw new InvalidConfigError('usage: migration.cli run|revert');
  }
  const endpoint = await openDatabaseEndpoint(loadAppConfig(process.env));
  const dataSource = new DataSource(dataSourceOptions({ url: endpoint.url, poolSize: 1, runMigrations: false }));
  try {
    await dataSource.initialize();
    if (command === 'run') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'No pending migrations.');
    } else {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration.');
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await endpoint.close();
  }
}

main(process.argv[2]).catch((error: Error) => {
  process.stderr.write(`newsdesk: ${error.message}\n`);
  process.exit(1);
});
