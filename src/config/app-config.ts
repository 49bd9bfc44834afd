import { availableParallelism } from 'node:os';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync, ValidateBy } from 'class-validator';
import { BootstrapApiKey, parseApiKeysVariable } from './api-keys-variable';

/** The validated configuration every part of Newsdesk reads. Built once from the environment. */
export interface AppConfig {
  /** HTTP port the API listens on. */
  port: number;
  /** Interface the API binds to. */
  host: string;
  /** PostgreSQL server to use; absent means the embedded PostgreSQL. */
  databaseUrl?: string;
  /** Connections in the pool (a real server only; the embedded one always uses one), per process. */
  databasePoolSize: number;
  /** Processes serving HTTP on the one port (node:cluster); 1 runs the service in this process alone. */
  workers: number;
  /** Where the embedded PostgreSQL keeps its files. */
  dataDir: string;
  /** Loopback port the embedded PostgreSQL listens on; 0 picks a free one. */
  embeddedPort: number;
  /** Whether pending migrations run at start-up. */
  runMigrations: boolean;
  /** How often the live feed looks for new events while clients are connected. */
  feedPollMs: number;
  /** Interval of the comment lines that keep idle live-feed connections open. */
  sseHeartbeatMs: number;
  /** Unsent bytes a live-feed client may let pile up before it is disconnected (it can resume). */
  sseMaxBufferedBytes: number;
  /** Whether this process applies projections (off for CLIs and read-only instances). */
  projectionsEnabled: boolean;
  /** Events a projection reads and applies per transaction. */
  projectionBatchSize: number;
  /** Events a rebuild reads at once and applies to every projection being rebuilt. */
  rebuildBatchSize: number;
  /** How often an idle projection looks for new events when no NOTIFY wakes it (the embedded database never does). */
  projectionPollMs: number;
  /** Longest wait between two retries of a projection that fails on an event (the wait doubles up to this). */
  projectionRetryMaxMs: number;
  /** How often an instance that does not hold a projection's lock tries to take it over. */
  projectionLockRetryMs: number;
  /** How long a read with `?minPosition` waits for the projection before answering 503. */
  minPositionWaitMs: number;
  /** API keys upserted at start-up (NEWSDESK_API_KEYS); they hold secrets in clear, never log them. */
  bootstrapApiKeys: BootstrapApiKey[];
  /** How long an authenticated key is remembered in memory: a revocation elsewhere takes effect within this. 0 = no cache. */
  apiKeyCacheTtlMs: number;
  /** Largest request body accepted, in bytes; a larger one is refused with 413 before it is parsed. */
  bodyLimitBytes: number;
  /** Requests each API key (or, without one, each client address) may make per minute; 0 turns limiting off. */
  rateLimitPerMinute: number;
}

export class InvalidConfigError extends Error {
  override readonly name = 'InvalidConfigError';
}

const toBoolean = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off'].includes(text)) return false;
  return value;
};

const toInteger = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  return /^-?\d+$/.test(String(value).trim()) ? Number(value) : value;
};

/** A whole-number variable within bounds; the message names the variable and its range. */
function WholeNumberVariable(name: string, min: number, max: number): PropertyDecorator {
  const message = `${name} must be a whole number from ${min} to ${max}`;
  const decorators = [IsOptional(), Transform(toInteger), IsInt({ message }), Min(min, { message }), Max(max, { message })];
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}
/** Variables whose values are secrets: their errors never echo the value. */
const SECRET_VARIABLES = new Set(['NEWSDESK_API_KEYS']);

const apiKeysProblem = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return 'is not text';
  const parsed = parseApiKeysVariable(value);
  return 'problem' in parsed ? parsed.problem : undefined;
};

const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 * 1024 };
const MAX_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

/** `262144`, `256kb`, `1mb` (binary units, any case) → bytes; anything else is left for the validator to refuse. */
const toByteCount = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(String(value).trim());
  return match ? Number(match[1]) * BYTE_UNITS[(match[2] ?? '').toLowerCase()] : value;
};

const MAX_WORKERS = 64;
const WORKERS_RULE = `NEWSDESK_WORKERS must be auto or a whole number from 1 to ${MAX_WORKERS}`;
/** `auto` stays text for {@link workerCount}; a number becomes one; anything else is left for the validator to refuse. */
const toWorkers = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  const text = String(value).trim().toLowerCase();
  return text === 'auto' ? text : toInteger({ value: text });
};

const BODY_LIMIT_RULE = 'NEWSDESK_BODY_LIMIT must be a size from 1 byte to 64mb: bytes (262144) or with a kb/mb suffix (256kb)';
const RATE_LIMIT_RULE = 'NEWSDESK_RATE_LIMIT_PER_MINUTE must be a whole number from 0 (off) to 1000000';

/** The environment variables Newsdesk reads, with what each must be. Documented in the README. */
class EnvironmentVariables {
  @WholeNumberVariable('PORT', 0, 65535)
  PORT?: number;

  @IsOptional() @IsString() @MinLength(1, { message: 'HOST must be an interface address such as 127.0.0.1 or 0.0.0.0' })
  HOST?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// connection URL' })
  DATABASE_URL?: string;

  @WholeNumberVariable('DATABASE_POOL_SIZE', 1, 100)
  DATABASE_POOL_SIZE?: number;

  @IsOptional()
  @Transform(toWorkers)
  @ValidateBy({ name: 'workers', validator: { validate: (value) => value === 'auto' || (Number.isInteger(value) && value >= 1 && value <= MAX_WORKERS), defaultMessage: () => WORKERS_RULE } })
  NEWSDESK_WORKERS?: number | 'auto';

  @IsOptional() @IsString() @MinLength(1, { message: 'NEWSDESK_DATA_DIR must be a folder path' })
  NEWSDESK_DATA_DIR?: string;

  @WholeNumberVariable('NEWSDESK_EMBEDDED_PG_PORT', 0, 65535)
  NEWSDESK_EMBEDDED_PG_PORT?: number;

  @IsOptional() @Transform(toBoolean) @IsBoolean({ message: 'NEWSDESK_RUN_MIGRATIONS must be true or false' })
  NEWSDESK_RUN_MIGRATIONS?: boolean;

  @IsOptional() @Transform(toBoolean) @IsBoolean({ message: 'NEWSDESK_PROJECTIONS must be on or off' })
  NEWSDESK_PROJECTIONS?: boolean;

  @WholeNumberVariable('NEWSDESK_PROJECTION_BATCH_SIZE', 1, 10_000)
  NEWSDESK_PROJECTION_BATCH_SIZE?: number;

  @WholeNumberVariable('NEWSDESK_REBUILD_BATCH_SIZE', 1, 10_000)
  NEWSDESK_REBUILD_BATCH_SIZE?: number;

  @WholeNumberVariable('NEWSDESK_PROJECTION_POLL_MS', 10, 60_000)
  NEWSDESK_PROJECTION_POLL_MS?: number;

  @WholeNumberVariable('NEWSDESK_PROJECTION_RETRY_MAX_MS', 10, 3_600_000)
  NEWSDESK_PROJECTION_RETRY_MAX_MS?: number;

  @WholeNumberVariable('NEWSDESK_PROJECTION_LOCK_RETRY_MS', 10, 60_000)
  NEWSDESK_PROJECTION_LOCK_RETRY_MS?: number;

  @WholeNumberVariable('NEWSDESK_MIN_POSITION_WAIT_MS', 0, 60_000)
  NEWSDESK_MIN_POSITION_WAIT_MS?: number;

  @WholeNumberVariable('NEWSDESK_FEED_POLL_MS', 10, 10_000)
  NEWSDESK_FEED_POLL_MS?: number;

  @WholeNumberVariable('NEWSDESK_SSE_HEARTBEAT_MS', 100, 300_000)
  NEWSDESK_SSE_HEARTBEAT_MS?: number;

  @WholeNumberVariable('NEWSDESK_SSE_MAX_BUFFER_BYTES', 1024, 1_073_741_824)
  NEWSDESK_SSE_MAX_BUFFER_BYTES?: number;

  @IsOptional()
  @ValidateBy({
    name: 'apiKeyList',
    validator: {
      validate: (value) => apiKeysProblem(value) === undefined,
      defaultMessage: (args) => `NEWSDESK_API_KEYS must be comma-separated role:name:secret entries: ${apiKeysProblem(args?.value)}`,
    },
  })
  NEWSDESK_API_KEYS?: string;

  @IsOptional() @Transform(toInteger) @IsInt({ message: 'NEWSDESK_API_KEY_CACHE_TTL_MS must be a whole number of milliseconds from 0 to 60000' })
  @Min(0, { message: 'NEWSDESK_API_KEY_CACHE_TTL_MS must be a whole number of milliseconds from 0 to 60000' })
  @Max(60_000, { message: 'NEWSDESK_API_KEY_CACHE_TTL_MS must be a whole number of milliseconds from 0 to 60000' })
  NEWSDESK_API_KEY_CACHE_TTL_MS?: number;
  @IsOptional() @Transform(toByteCount) @IsInt({ message: BODY_LIMIT_RULE }) @Min(1, { message: BODY_LIMIT_RULE })
  @Max(MAX_BODY_LIMIT_BYTES, { message: BODY_LIMIT_RULE })
  NEWSDESK_BODY_LIMIT?: number;

  @IsOptional() @Transform(toInteger) @IsInt({ message: RATE_LIMIT_RULE }) @Min(0, { message: RATE_LIMIT_RULE })
  @Max(1_000_000, { message: RATE_LIMIT_RULE })
  NEWSDESK_RATE_LIMIT_PER_MINUTE?: number;
}

/**
 * Validates the environment and returns the configuration, or throws an InvalidConfigError whose
 * message is one line naming each bad variable, what it must be and what it was.
 */
export function loadAppConfig(env: Record<string, string | undefined>): AppConfig {
  const vars = plainToInstance(EnvironmentVariables, env, { excludeExtraneousValues: false });
  const errors = validateSync(vars, { skipMissingProperties: false, stopAtFirstError: true });
  if (errors.length > 0) {
    const problems = errors.map((error) => {
      const message = Object.values(error.constraints ?? {})[0] ?? `${error.property} is invalid`;
      return SECRET_VARIABLES.has(error.property) ? message : `${message} (got ${JSON.stringify(env[error.property])})`;
    });
    throw new InvalidConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  if (typeof vars.NEWSDESK_WORKERS === 'number' && vars.NEWSDESK_WORKERS > 1 && vars.DATABASE_URL === undefined) {
    throw new InvalidConfigError(
      `Invalid configuration: NEWSDESK_WORKERS above 1 needs DATABASE_URL: the embedded PostgreSQL serves one process (got ${JSON.stringify(env.NEWSDESK_WORKERS)})`,
    );
  }
  const apiKeys = parseApiKeysVariable(vars.NEWSDESK_API_KEYS ?? '');
  return {
    port: vars.PORT ?? 3000,
    host: vars.HOST ?? '127.0.0.1',
    databaseUrl: vars.DATABASE_URL,
    databasePoolSize: vars.DATABASE_POOL_SIZE ?? 10,
    workers: workerCount(vars.NEWSDESK_WORKERS, vars.DATABASE_URL),
    dataDir: vars.NEWSDESK_DATA_DIR ?? './.newsdesk/pgdata',
    embeddedPort: vars.NEWSDESK_EMBEDDED_PG_PORT ?? 0,
    runMigrations: vars.NEWSDESK_RUN_MIGRATIONS ?? true,
    feedPollMs: vars.NEWSDESK_FEED_POLL_MS ?? 100,
    sseHeartbeatMs: vars.NEWSDESK_SSE_HEARTBEAT_MS ?? 15_000,
    sseMaxBufferedBytes: vars.NEWSDESK_SSE_MAX_BUFFER_BYTES ?? 1_048_576,
    projectionsEnabled: vars.NEWSDESK_PROJECTIONS ?? true,
    projectionBatchSize: vars.NEWSDESK_PROJECTION_BATCH_SIZE ?? 500,
    rebuildBatchSize: vars.NEWSDESK_REBUILD_BATCH_SIZE ?? 5_000,
    projectionPollMs: vars.NEWSDESK_PROJECTION_POLL_MS ?? 250,
    projectionRetryMaxMs: vars.NEWSDESK_PROJECTION_RETRY_MAX_MS ?? 30_000,
    projectionLockRetryMs: vars.NEWSDESK_PROJECTION_LOCK_RETRY_MS ?? 1_000,
    minPositionWaitMs: vars.NEWSDESK_MIN_POSITION_WAIT_MS ?? 2_000,
    bootstrapApiKeys: 'keys' in apiKeys ? apiKeys.keys : [],
    apiKeyCacheTtlMs: vars.NEWSDESK_API_KEY_CACHE_TTL_MS ?? 5_000,
    bodyLimitBytes: vars.NEWSDESK_BODY_LIMIT ?? 256 * 1024,
    rateLimitPerMinute: vars.NEWSDESK_RATE_LIMIT_PER_MINUTE ?? 6000,
  };
}

/** `auto`: one process per core the machine lets this process use, where the database allows more than one. */
function workerCount(workers: number | 'auto' | undefined, databaseUrl: string | undefined): number {
  if (workers === undefined) return 1;
  if (workers !== 'auto') return workers;
  return databaseUrl === undefined ? 1 : Math.min(availableParallelism(), MAX_WORKERS);
}
