import { API_KEY_SECRET_PREFIX } from './api-key-secret';
import type { ApiKeyRecord } from './api-key.repository';

/** Printed before and after the block so tests and people can find it in the log. */
export const FIRST_START_BANNER = '=== Newsdesk: first start, one API key per role ===';

/**
 * The block the embedded first start prints: each new key's role, name and secret, and a request to
 * try. The secrets are shown this once; only their hashes are stored.
 */
export function formatFirstStartKeys(created: { key: ApiKeyRecord; secret: string }[], baseUrl: string): string {
  const rows = created.map(({ key, secret }) => `  ${key.role.padEnd(9)} ${key.name.padEnd(15)} ${secret}`);
  const consumer = created.find(({ key }) => key.role === 'consumer') ?? created[0];
  return [
    '',
    FIRST_START_BANNER,
    'No API keys were configured (NEWSDESK_API_KEYS) and none were stored, so these were created.',
    'Copy them now: the secrets are not shown again (only their SHA-256 hashes are kept).',
    '',
    `  ${'role'.padEnd(9)} ${'name'.padEnd(15)} secret`,
    ...rows,
    '',
    'Try one:',
    `  curl -H "Authorization: Bearer ${consumer.secret}" ${baseUrl}/auth/whoami`,
    '',
    'More keys: stop the service (one process at a time opens the embedded data folder), then',
    '  npm run apikey:create -- --role editor --name <who>      (and apikey:list, apikey:revoke)',
    `Secrets start with "${API_KEY_SECRET_PREFIX}". This happens only on the embedded PostgreSQL, and only while no key exists.`,
    '='.repeat(FIRST_START_BANNER.length),
  ].join('\n');
}
