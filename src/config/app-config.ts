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

const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 * 1024 };
const MAX_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

/** `262144`, `256kb`, `1mb` (binary units, any case) → bytes; anything else is left for the validator to refuse. */
const toByteCount = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(String(value).trim());
  return match ? Number(match[1]) * BYTE_UNITS[(match[2] ?? '').toLowerCase()] : value;
};

const BODY_LIMIT_RULE = 'NEWSDESK_BODY_LIMIT must be a size from 1 byte to 64mb: bytes (262144) or with a kb/mb suffix (256kb)';
const RATE_LIMIT_RULE = 'NEWSDESK_RATE_LIMIT_PER_MINUTE must be a whole number from 0 (off) to 1000000';

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
    bodyLimitBytes: vars.NEWSDESK_BODY_LIMIT ?? 256 * 1024,
    rateLimitPerMinute: vars.NEWSDESK_RATE_LIMIT_PER_MINUTE ?? 6000,
  };
}
