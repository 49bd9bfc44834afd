import { DataSource } from 'typeorm';
import { AppConfig, loadAppConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { TEST_DATABASE_MODE_VAR, TEST_DATABASE_PREFIX, TEST_DATABASE_URL_VAR } from '../setup/test-database-env';

/** The database the global setup created for this run. */
export function testDatabaseUrl(): string {
  const url = process.env[TEST_DATABASE_URL_VAR];
  if (!url) throw new Error(`${TEST_DATABASE_URL_VAR} is not set: run the suites through \`npm test\` (its global setup creates the database)`);
  const mode = process.env[TEST_DATABASE_MODE_VAR];
  // Refuse anything that is not a database this test run made: tests append and read freely.
  if (mode === 'server' && !new URL(url).pathname.slice(1).startsWith(TEST_DATABASE_PREFIX)) {
    throw new Error(`Refusing to run tests against ${new URL(url).pathname}: not a ${TEST_DATABASE_PREFIX}* database`);
  }
  return url;
}

/** True when the suites run against a real PostgreSQL server (not the embedded fallback). */
export const onRealServer = process.env[TEST_DATABASE_MODE_VAR] === 'server';

/** `describe` for suites that need a real server (several sessions at once); skipped, by name, on the embedded fallback. */
export const describeOnRealServer: jest.Describe = onRealServer
  ? describe
  : (Object.assign((name: string, fn: jest.EmptyFunction) => describe.skip(`${name} [SKIPPED: needs a real PostgreSQL server]`, fn), describe) as jest.Describe);

/** A TypeORM connection to this run's database; the embedded fallback allows a single connection. */
export async function openTestDataSource(poolSize = 10): Promise<DataSource> {
  const dataSource = new DataSource(
    dataSourceOptions({ url: testDatabaseUrl(), poolSize: onRealServer ? poolSize : 1, runMigrations: false }),
  );
  return dataSource.initialize();
}

/** Service configuration pointing at this run's (already migrated) database. */
export function testAppConfig(env: Record<string, string> = {}): AppConfig {
  return loadAppConfig({
    DATABASE_URL: testDatabaseUrl(),
    DATABASE_POOL_SIZE: onRealServer ? '10' : '1',
    NEWSDESK_RUN_MIGRATIONS: 'false',
    PORT: '0',
    ...env,
  });
}

/** A database of its own on this run's server, for a suite that must see nothing else. */
export interface SeparateTestDatabase {
  url: string;
  create(): Promise<void>;
  /** Drops it, ending any connection still open to it. */
  drop(): Promise<void>;
}

/** `<test prefix><label>_<time>` beside this run's database (a leftover is known for a test's by its name); created empty, unmigrated. */
export function separateTestDatabase(label: string): SeparateTestDatabase {
  const name = `${TEST_DATABASE_PREFIX}${label}_${Date.now()}`;
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  const onServer = async (sql: string) => {
    const admin = await openTestDataSource(1);
    try {
      await admin.query(sql);
    } finally {
      await admin.destroy();
    }
  };
  return {
    url: url.toString(),
    create: () => onServer(`CREATE DATABASE ${name}`),
    drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
