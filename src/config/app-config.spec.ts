import { InvalidConfigError, loadAppConfig } from './app-config';

describe('loadAppConfig', () => {
  it('gives useful defaults for an empty environment: embedded PostgreSQL, port 3000, migrations on', () => {
    expect(loadAppConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      databasePoolSize: 10,
      dataDir: './.newsdesk/pgdata',
      embeddedPort: 0,
      runMigrations: true,
      bodyLimitBytes: 262144,
      rateLimitPerMinute: 6000,
    });
  });

  it('reads every variable', () => {
    expect(
      loadAppConfig({
        PORT: '8080',
        HOST: '0.0.0.0',
        DATABASE_URL: 'postgres://desk:secret@db:5432/newsdesk',
        DATABASE_POOL_SIZE: '20',
        NEWSDESK_DATA_DIR: '/var/lib/newsdesk',
        NEWSDESK_EMBEDDED_PG_PORT: '5499',
        NEWSDESK_RUN_MIGRATIONS: 'false',
        NEWSDESK_BODY_LIMIT: '1mb',
        NEWSDESK_RATE_LIMIT_PER_MINUTE: '0',
      }),
    ).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://desk:secret@db:5432/newsdesk',
      databasePoolSize: 20,
      dataDir: '/var/lib/newsdesk',
      embeddedPort: 5499,
      runMigrations: false,
      bodyLimitBytes: 1048576,
      rateLimitPerMinute: 0,
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535 (got "70000")'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be a postgres:// or postgresql:// connection URL (got "mysql://x")'],
    [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE must be a whole number from 1 to 100 (got "0")'],
    [{ NEWSDESK_RUN_MIGRATIONS: 'maybe' }, 'NEWSDESK_RUN_MIGRATIONS must be true or false (got "maybe")'],
    [{ NEWSDESK_BODY_LIMIT: '2gb' }, 'NEWSDESK_BODY_LIMIT must be a size from 1 byte to 64mb: bytes (262144) or with a kb/mb suffix (256kb) (got "2gb")'],
    [{ NEWSDESK_BODY_LIMIT: '0' }, 'NEWSDESK_BODY_LIMIT must be a size from 1 byte to 64mb: bytes (262144) or with a kb/mb suffix (256kb) (got "0")'],
    [{ NEWSDESK_RATE_LIMIT_PER_MINUTE: '-5' }, 'NEWSDESK_RATE_LIMIT_PER_MINUTE must be a whole number from 0 (off) to 1000000 (got "-5")'],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => loadAppConfig(env)).toThrow(InvalidConfigError);
    expect(() => loadAppConfig(env)).toThrow(`Invalid configuration: ${message}`);
  });

  it.each([
    ['512', 512],
    ['256kb', 262144],
    ['256 KB', 262144],
    ['2MB', 2097152],
    ['100b', 100],
  ])('reads NEWSDESK_BODY_LIMIT=%s as %d bytes', (value, bytes) => {
    expect(loadAppConfig({ NEWSDESK_BODY_LIMIT: value }).bodyLimitBytes).toBe(bytes);
  });

  it('names every bad variable at once', () => {
    expect(() => loadAppConfig({ PORT: '-1', NEWSDESK_RUN_MIGRATIONS: 'x' })).toThrow(/PORT must .*; NEWSDESK_RUN_MIGRATIONS must/);
  });
});
