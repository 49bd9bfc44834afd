import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { openDatabaseEndpoint } from '../database/database-endpoint';
import { systemClock } from '../system/clock';
import { randomIdGenerator } from '../system/id-generator';
import { isValidKeyName, KEY_NAME_RULE } from './api-key-name';
import { ApiKeyRecord, ApiKeyRepository } from './api-key.repository';
import { isRole, ROLES } from './roles';

const USAGE = `usage:
  npm run apikey:create -- --role <${ROLES.join('|')}> --name <name>
  npm run apikey:revoke -- --id <key id>   (or --name <name>: every active key of that name)
  npm run apikey:list`;

/** A mistake in the command line: printed with the usage, exit code 2. */
class UsageError extends Error {}

/**
 * `npm run apikey:create|revoke|list`, against DATABASE_URL or the embedded data folder (stop a
 * running embedded service first: PGlite lets one process open its folder). Pending migrations run
 * first unless NEWSDESK_RUN_MIGRATIONS=false, as at service start-up. A running service notices a
 * revocation within its key cache TTL (NEWSDESK_API_KEY_CACHE_TTL_MS).
 */
async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const flags = readFlags(command, rest);
  const config = loadAppConfig(process.env);
  const endpoint = await openDatabaseEndpoint(config);
  const dataSource = new DataSource(dataSourceOptions({ url: endpoint.url, poolSize: 1, runMigrations: config.runMigrations }));
  try {
    await dataSource.initialize();
    const keys = new ApiKeyRepository(dataSource, systemClock, randomIdGenerator);
    if (command === 'create') await create(keys, flags);
    else if (command === 'revoke') await revoke(keys, flags);
    else await list(keys);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await endpoint.close();
  }
}

type Flags = { role?: string; name?: string; id?: string };

function readFlags(command: string | undefined, args: string[]): Flags {
  const allowed = { create: ['role', 'name'], revoke: ['id', 'name'], list: [] } as Record<string, string[]>;
  if (command === undefined || !(command in allowed)) throw new UsageError(`unknown command ${JSON.stringify(command ?? '')}`);
  let values: Flags;
  try {
    const options = Object.fromEntries(allowed[command].map((flag) => [flag, { type: 'string' as const }]));
    values = parseArgs({ args, options, strict: true, allowPositionals: false }).values as Flags;
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  if (command === 'create') {
    if (!values.role || !isRole(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    if (!values.name || !isValidKeyName(values.name)) throw new UsageError(`--name is required; ${KEY_NAME_RULE}`);
  }
  if (command === 'revoke' && (values.id === undefined) === (values.name === undefined)) {
    throw new UsageError('revoke needs exactly one of --id or --name');
  }
  if (command === 'revoke' && values.id !== undefined && !/^[0-9a-f-]{36}$/i.test(values.id)) {
    throw new UsageError('--id must be a key id as apikey:list shows it');
  }
  return values;
}

async function create(keys: ApiKeyRepository, flags: Flags): Promise<void> {
  const { key, secret } = await keys.create({ role: flags.role as ApiKeyRecord['role'], name: flags.name!, origin: 'cli' });
  console.log(`Created API key ${key.id} for ${key.role} "${key.name}".`);
  console.log('Its secret is shown only now (the database keeps a hash). Send it as "Authorization: Bearer <secret>":');
  console.log(`\n  ${secret}\n`);
}

async function revoke(keys: ApiKeyRepository, flags: Flags): Promise<void> {
  const revoked = flags.id !== undefined ? [await keys.revokeById(flags.id)].filter((key) => key !== undefined) : await keys.revokeByName(flags.name!);
  if (revoked.length === 0) throw new Error(`no active key ${flags.id !== undefined ? `with id ${flags.id}` : `named "${flags.name}"`}`);
  for (const key of revoked) console.log(`Revoked API key ${key.id} (${key.role} "${key.name}").`);
}

async function list(keys: ApiKeyRepository): Promise<void> {
  const rows = (await keys.list()).map((key) => [
    key.id, key.role, key.name, key.origin, key.createdAt.toISOString(), key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active',
  ]);
  if (rows.length === 0) return void console.log('No API keys. Create one: npm run apikey:create -- --role reporter --name <name>');
  const table = [['id', 'role', 'name', 'origin', 'created', 'state'], ...rows];
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  for (const row of table) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
}

main(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`newsdesk: ${error.message}\n`);
  if (error instanceof UsageError) process.stderr.write(`${USAGE}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
