import { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';

export interface ConnectionSettings {
  url: string;
  poolSize: number;
  runMigrations: boolean;
}

/** TypeORM options for Newsdesk: migrations only, never `synchronize`. Shared by the service, CLI and tests. */
export function dataSourceOptions(settings: ConnectionSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    synchronize: false,
    migrationsRun: settings.runMigrations,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    entities: [],
    // Query errors are not logged here: the store turns the expected ones (conflicts) into typed errors.
    logging: ['warn', 'migration'],
    extra: {
      max: settings.poolSize,
      connectionTimeoutMillis: 5_000,
      // A dead server must not hang the service: fail the query, answer 503, reconnect later.
      keepAlive: true,
    },
  };
}
