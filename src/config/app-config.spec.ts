import { availableParallelism } from 'node:os';
import { InvalidConfigError, loadAppConfig } from './app-config';

describe('loadAppConfig', () => {
  it('gives useful defaults for an empty environment: embedded PostgreSQL, port 3000, migrations on', () => {
    expect(loadAppConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      databasePoolSize: 10,
      workers: 1,
      dataDir: './.newsdesk/pgdata',
      embeddedPort: 0,
      runMigrations: true,
      feedPollMs: 100,
      sseHeartbeatMs: 15_000,
      sseMaxBufferedBytes: 1_048_576,
      projectionsEnabled: true,
      projectionBatchSize: 500,
      rebuildBatchSize: 5_000,
      projectionPollMs: 250,
      projectionRetryMaxMs: 30_000,
      projectionLockRetryMs: 1_000,
      minPositionWaitMs: 2_000,
      bootstrapApiKeys: [],
      apiKeyCacheTtlMs: 5000,
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
        NEWSDESK_WORKERS: '3',
        NEWSDESK_DATA_DIR: '/var/lib/newsdesk',
        NEWSDESK_EMBEDDED_PG_PORT: '5499',
        NEWSDESK_RUN_MIGRATIONS: 'false',
        NEWSDESK_FEED_POLL_MS: '50',
        NEWSDESK_SSE_HEARTBEAT_MS: '1000',
        NEWSDESK_SSE_MAX_BUFFER_BYTES: '65536',
        NEWSDESK_PROJECTIONS: 'off',
        NEWSDESK_PROJECTION_BATCH_SIZE: '50',
        NEWSDESK_REBUILD_BATCH_SIZE: '2000',
        NEWSDESK_PROJECTION_POLL_MS: '100',
        NEWSDESK_PROJECTION_RETRY_MAX_MS: '5000',
        NEWSDESK_PROJECTION_LOCK_RETRY_MS: '300',
        NEWSDESK_MIN_POSITION_WAIT_MS: '0',
        NEWSDESK_API_KEYS: 'reporter:ayse:reporter-secret-0123456789, editor:jon:editor_secret.0123456789,consumer:site:c0nsumer+secret/0123456789==',
        NEWSDESK_API_KEY_CACHE_TTL_MS: '250',
        NEWSDESK_BODY_LIMIT: '1mb',
        NEWSDESK_RATE_LIMIT_PER_MINUTE: '0',
      }),
    ).toEqual({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://desk:secret@db:5432/newsdesk',
      databasePoolSize: 20,
      workers: 3,
      dataDir: '/var/lib/newsdesk',
      embeddedPort: 5499,
      runMigrations: false,
      feedPollMs: 50,
      sseHeartbeatMs: 1000,
      sseMaxBufferedBytes: 65536,
      projectionsEnabled: false,
      projectionBatchSize: 50,
      rebuildBatchSize: 2_000,
      projectionPollMs: 100,
      projectionRetryMaxMs: 5_000,
      projectionLockRetryMs: 300,
      minPositionWaitMs: 0,
      bootstrapApiKeys: [
        { role: 'reporter', name: 'ayse', secret: 'reporter-secret-0123456789' },
        { role: 'editor', name: 'jon', secret: 'editor_secret.0123456789' },
        { role: 'consumer', name: 'site', secret: 'c0nsumer+secret/0123456789==' },
      ],
      apiKeyCacheTtlMs: 250,
      bodyLimitBytes: 1048576,
      rateLimitPerMinute: 0,
    });
  });

  it('treats an empty NEWSDESK_API_KEYS (as docker compose passes it) as no keys', () => {
    expect(loadAppConfig({ NEWSDESK_API_KEYS: '' }).bootstrapApiKeys).toEqual([]);
    expect(loadAppConfig({ NEWSDESK_API_KEYS: ' , ' }).bootstrapApiKeys).toEqual([]);
  });

  const keysError = 'Invalid configuration: NEWSDESK_API_KEYS must be comma-separated role:name:secret entries: ';
  it.each([
    ['reporter:ayse', 'entry 1 is not role:name:secret'],
    ['reporter:ayse:0123456789abcdef,writer:bo:0123456789abcdefX', 'entry 2 has role "writer"; roles are reporter, editor, consumer, admin'],
    ['editor:jon smith:0123456789abcdef', 'entry 1 has name "jon smith"; names are 1-100 letters, digits, . _ @ -'],
    ['editor:jon:short-secret-x', 'entry 1 has a secret that is not 16-512 characters of A-Z a-z 0-9 - . _ ~ + /'],
    ['editor:jon:0123456789abcdef,consumer:site:0123456789abcdef', 'entry 2 has the same secret as entry 1'],
  ])('refuses NEWSDESK_API_KEYS=%j naming the entry but never echoing a secret', (value, problem) => {
    expect(() => loadAppConfig({ NEWSDESK_API_KEYS: value })).toThrow(new InvalidConfigError(keysError + problem));
  });

  it('refuses a cache TTL above a minute', () => {
    expect(() => loadAppConfig({ NEWSDESK_API_KEY_CACHE_TTL_MS: '600000' })).toThrow(
      'NEWSDESK_API_KEY_CACHE_TTL_MS must be a whole number of milliseconds from 0 to 60000 (got "600000")',
    );
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535 (got "70000")'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be a postgres:// or postgresql:// connection URL (got "mysql://x")'],
    [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE must be a whole number from 1 to 100 (got "0")'],
    [{ NEWSDESK_RUN_MIGRATIONS: 'maybe' }, 'NEWSDESK_RUN_MIGRATIONS must be true or false (got "maybe")'],
    [{ NEWSDESK_PROJECTIONS: 'paused' }, 'NEWSDESK_PROJECTIONS must be on or off (got "paused")'],
    [{ NEWSDESK_PROJECTION_BATCH_SIZE: '0' }, 'NEWSDESK_PROJECTION_BATCH_SIZE must be a whole number from 1 to 10000 (got "0")'],
    [{ NEWSDESK_PROJECTION_POLL_MS: 'fast' }, 'NEWSDESK_PROJECTION_POLL_MS must be a whole number from 10 to 60000 (got "fast")'],
    [{ NEWSDESK_MIN_POSITION_WAIT_MS: '-5' }, 'NEWSDESK_MIN_POSITION_WAIT_MS must be a whole number from 0 to 60000 (got "-5")'],
    [{ NEWSDESK_BODY_LIMIT: '2gb' }, 'NEWSDESK_BODY_LIMIT must be a size from 1 byte to 64mb: bytes (262144) or with a kb/mb suffix (256kb) (got "2gb")'],
    [{ NEWSDESK_BODY_LIMIT: '0' }, 'NEWSDESK_BODY_LIMIT must be a size from 1 byte to 64mb: bytes (262144) or with a kb/mb suffix (256kb) (got "0")'],
    [{ NEWSDESK_WORKERS: '0' }, 'NEWSDESK_WORKERS must be auto or a whole number from 1 to 64 (got "0")'],
    [{ NEWSDESK_WORKERS: 'many', DATABASE_URL: 'postgres://db/x' }, 'NEWSDESK_WORKERS must be auto or a whole number from 1 to 64 (got "many")'],
    [{ NEWSDESK_WORKERS: '2' }, 'NEWSDESK_WORKERS above 1 needs DATABASE_URL: the embedded PostgreSQL serves one process (got "2")'],
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

  it('reads NEWSDESK_WORKERS=auto as one process per usable core, and as one on the embedded database', () => {
    expect(loadAppConfig({ NEWSDESK_WORKERS: 'auto', DATABASE_URL: 'postgres://db/x' }).workers).toBe(availableParallelism());
    expect(loadAppConfig({ NEWSDESK_WORKERS: ' AUTO ', DATABASE_URL: 'postgres://db/x' }).workers).toBe(availableParallelism());
    expect(loadAppConfig({ NEWSDESK_WORKERS: 'auto' }).workers).toBe(1);
    expect(loadAppConfig({ NEWSDESK_WORKERS: '1' }).workers).toBe(1);
  });

  it('names every bad variable at once', () => {
    expect(() => loadAppConfig({ PORT: '-1', NEWSDESK_RUN_MIGRATIONS: 'x' })).toThrow(/PORT must .*; NEWSDESK_RUN_MIGRATIONS must/);
  });
});
