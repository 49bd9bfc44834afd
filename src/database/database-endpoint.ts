import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';

/** Where the service's PostgreSQL is, and how to let go of it at shutdown. */
export interface DatabaseEndpoint {
  url: string;
  embedded: boolean;
  poolSize: number;
  close(): Promise<void>;
}

/** `DATABASE_URL` when set; otherwise the embedded PostgreSQL in the configured data folder. */
export async function openDatabaseEndpoint(
  config: Pick<AppConfig, 'databaseUrl' | 'databasePoolSize' | 'dataDir' | 'embeddedPort'>,
  logger = new Logger('Database')): Promise<DatabaseEndpoint> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, poolSize: config.databasePoolSize, close: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPort });
  logger.log(`DATABASE_URL is not set: using the embedded PostgreSQL with its data in ${embedded.dataDir}`);
  // PGlite is a single session: one connection keeps transactions from interleaving.
  return { url: embedded.url, embedded: true, poolSize: 1, close: () => embedded.stop() };
}
