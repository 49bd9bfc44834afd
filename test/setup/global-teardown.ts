import { Client } from 'pg';
import { TEST_DATABASE_MODE_VAR, TEST_DATABASE_PREFIX } from './test-database-env';

/** Drops the database this run created (or stops the embedded one). */
export default async function globalTeardown(): Promise<void> {
  const handle = globalThis.__newsdeskTestDatabase;
  if (!handle) return;
  if (handle.embedded) {
    await handle.embedded.stop();
    process.stderr.write('\nTests ran on the EMBEDDED PostgreSQL: suites needing a real server were skipped (see above).\n');
    return;
  }
  if (process.env[TEST_DATABASE_MODE_VAR] !== 'server' || !handle.name.startsWith(TEST_DATABASE_PREFIX)) return;
  const admin = new Client({ connectionString: handle.adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${handle.name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
