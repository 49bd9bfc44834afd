import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/** The validated configuration every part of Newsdesk reads. Built once from the environment. */
export interface AppConfig {
  /** HTTP port the API listens on. */
  port: number;
  /** Interface the API binds to. */
  host: string;
  /** PostgreSQL server to use; absent means the embedded PostgreSQL. */
  databaseUrl?: string;
  /** Connections in the pool (a real server only; the embedded one always uses one). */
  databasePoolSize: number;
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

/** The environment variables Newsdesk reads, with what each must be. Documented in the README. */
class EnvironmentVariables {
  @IsOptional() @Transform(toInteger) @IsInt({ message: 'PORT must be a whole number from 0 to 65535' })
  @Min(0, { message: 'PORT must be a whole number from 0 to 65535' }) @Max(65535, { message: 'PORT must be a whole number from 0 to 65535' })
  PORT?: number;

  @IsOptional() @IsString() @MinLength(1, { message: 'HOST must be an interface address such as 127.0.0.1 or 0.0.0.0' })
  HOST?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// connection URL' })
  DATABASE_URL?: string;

  @IsOptional() @Transform(toInteger) @IsInt({ message: 'DATABASE_POOL_SIZE must be a whole number from 1 to 100' })
  @Min(1, { message: 'DATABASE_POOL_SIZE must be a whole number from 1 to 100' }) @Max(100, { message: 'DATABASE_POOL_SIZE must be a whole number from 1 to 100' })
  DATABASE_POOL_SIZE?: number;

  @IsOptional() @IsString() @MinLength(1, { message: 'NEWSDESK_DATA_DIR must be a folder path' })
  NEWSDESK_DATA_DIR?: string;

  @IsOptional() @Transform(toInteger) @IsInt({ message: 'NEWSDESK_EMBEDDED_PG_PORT must be a whole number from 0 to 65535' })
  @Min(0, { message: 'NEWSDESK_EMBEDDED_PG_PORT must be a whole number from 0 to 65535' })
  @Max(65535, { message: 'NEWSDESK_EMBEDDED_PG_PORT must be a whole number from 0 to 65535' })
  NEWSDESK_EMBEDDED_PG_PORT?: number;

  @IsOptional() @Transform(toBoolean) @IsBoolean({ message: 'NEWSDESK_RUN_MIGRATIONS must be true or false' })
  NEWSDESK_RUN_MIGRATIONS?: boolean;

  @IsOptional() @Transform(toInteger) @IsInt({ message: 'NEWSDESK_FEED_POLL_MS must be a whole number of milliseconds from 10 to 10000' })
  @Min(10, { message: 'NEWSDESK_FEED_POLL_MS must be a whole number of milliseconds from 10 to 10000' })
  @Max(10_000, { message: 'NEWSDESK_FEED_POLL_MS must be a whole number of milliseconds from 10 to 10000' })
  NEWSDESK_FEED_POLL_MS?: number;

  @IsOptional() @Transform(toInteger) @IsInt({ message: 'NEWSDESK_SSE_HEARTBEAT_MS must be a whole number of milliseconds from 100 to 300000' })
  @Min(100, { message: 'NEWSDESK_SSE_HEARTBEAT_MS must be a whole number of milliseconds from 100 to 300000' })
  @Max(300_000, { message: 'NEWSDESK_SSE_HEARTBEAT_MS must be a whole number of milliseconds from 100 to 300000' })
  NEWSDESK_SSE_HEARTBEAT_MS?: number;

  @IsOptional() @Transform(toInteger) @IsInt({ message: 'NEWSDESK_SSE_MAX_BUFFER_BYTES must be a whole number of bytes from 1024 to 1073741824' })
  @Min(1024, { message: 'NEWSDESK_SSE_MAX_BUFFER_BYTES must be a whole number of bytes from 1024 to 1073741824' })
  @Max(1_073_741_824, { message: 'NEWSDESK_SSE_MAX_BUFFER_BYTES must be a whole number of bytes from 1024 to 1073741824' })
  NEWSDESK_SSE_MAX_BUFFER_BYTES?: number;
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
      return `${message} (got ${JSON.stringify(env[error.property])})`;
    });
    throw new InvalidConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return {
    port: vars.PORT ?? 3000,
    host: vars.HOST ?? '127.0.0.1',
    databaseUrl: vars.DATABASE_URL,
    databasePoolSize: vars.DATABASE_POOL_SIZE ?? 10,
    dataDir: vars.NEWSDESK_DATA_DIR ?? './.newsdesk/pgdata',
    embeddedPort: vars.NEWSDESK_EMBEDDED_PG_PORT ?? 0,
    runMigrations: vars.NEWSDESK_RUN_MIGRATIONS ?? true,
    feedPollMs: vars.NEWSDESK_FEED_POLL_MS ?? 100,
    sseHeartbeatMs: vars.NEWSDESK_SSE_HEARTBEAT_MS ?? 15_000,
    sseMaxBufferedBytes: vars.NEWSDESK_SSE_MAX_BUFFER_BYTES ?? 1_048_576,
  };
}
