/** Environment variables through which the global setup tells the suites where their database is. */
export const TEST_DATABASE_URL_VAR = 'NEWSDESK_TEST_DATABASE_URL';
export const TEST_DATABASE_MODE_VAR = 'NEWSDESK_TEST_DATABASE_MODE';
export type TestDatabaseMode = 'server' | 'embedded';
/** Databases the test setup creates (and the only ones it will drop) carry this prefix. */
export const TEST_DATABASE_PREFIX = 'newsdesk_test_';
