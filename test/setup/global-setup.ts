import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { EmbeddedPostgres, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { TEST_DATABASE_MODE_VAR, TEST_DATABASE_PREFIX, TEST_DATABASE_URL_VAR, TestDatabaseMode } from './test-database-env';

export interface TestDatabaseHandle {
  adminUrl: string;
  name: string;
  embedded?: EmbeddedPostgres;
}

declare global {
  // Read by global-teardown.ts to drop what this run created.
  var __newsdeskTestDatabase: TestDatabaseHandle | undefined;
}

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Gives this test run a database of its own: a fresh `newsdesk_test_<random>` on the server at
 * TEST_DATABASE_URL (default the local one), migrated. When no server answers, falls back to the
 * embedded PostgreSQL and says loudly which suites cannot run there; with CI=true that is an error.
 */
export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_URL;
  const name = `${TEST_DATABASE_PREFIX}${Date.now()}_${randomBytes(4).toString('hex')}`;
  let url: string;
  let mode: TestDatabaseMode;
  let embedded: EmbeddedPostgres | undefined;
  try {
    const admin = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const target = new URL(adminUrl);
    target.pathname = `/${name}`;
    url = target.toString();
    mode = 'server';
  } catch (error) {
    const reason = `no PostgreSQL server answered at ${redact(adminUrl)} (${(error as Error).message})`;
    if (process.env.CI === 'true') {
      throw new Error(`CI=true: ${reason}. Integration suites need a real server; start PostgreSQL or set TEST_DATABASE_URL.`);
    }
    embedded = await startEmbeddedPostgres({ dataDir: 'memory://', port: 0 });
    url = embedded.url;
    mode = 'embedded';
    process.stderr.write(
      `\n${'!'.repeat(100)}\n!! ${reason}.\n!! Falling back to the EMBEDDED PostgreSQL: suites marked "needs a real PostgreSQL server" are SKIPPED.\n${'!'.repeat(100)}\n\n`,
    );
  }
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize: 1, runMigrations: false }));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  process.env[TEST_DATABASE_URL_VAR] = url;
  process.env[TEST_DATABASE_MODE_VAR] = mode;
  globalThis.__newsdeskTestDatabase = { adminUrl, name, embedded };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}
