import { isValidKeyName, KEY_NAME_RULE } from '../auth/api-key-name';
import { isRole, Role, ROLES } from '../auth/roles';

/** One key from NEWSDESK_API_KEYS: upserted at start-up, so the same secret always means the same key. */
export interface BootstrapApiKey {
  role: Role;
  name: string;
  /** The secret in clear, as the operator configured it: never log it. */
  secret: string;
}

/** Sendable as an RFC 6750 bearer token, and long enough not to be guessed. */
const SECRET = /^[A-Za-z0-9\-._~+/]{16,512}=*$/;

/**
 * Parses `role:name:secret,role:name:secret,…`. Returns the keys, or a problem that names the entry
 * by its position and never repeats a secret (config errors end up in logs).
 */
export function parseApiKeysVariable(text: string): { keys: BootstrapApiKey[] } | { problem: string } {
  const keys: BootstrapApiKey[] = [];
  const entries = text.split(',').map((entry) => entry.trim());
  for (const [index, entry] of entries.entries()) {
    if (entry === '') continue;
    const at = `entry ${index + 1}`;
    const parts = entry.split(':');
    if (parts.length !== 3) return { problem: `${at} is not role:name:secret` };
    const [role, name, secret] = parts;
    if (!isRole(role)) return { problem: `${at} has role ${JSON.stringify(role)}; roles are ${ROLES.join(', ')}` };
    if (!isValidKeyName(name)) return { problem: `${at} has name ${JSON.stringify(name)}; ${KEY_NAME_RULE}` };
    if (!SECRET.test(secret)) return { problem: `${at} has a secret that is not 16-512 characters of A-Z a-z 0-9 - . _ ~ + /` };
    const twin = entries.findIndex((other) => other.split(':')[2] === secret);
    if (twin < index) return { problem: `${at} has the same secret as entry ${twin + 1}` };
    keys.push({ role, name, secret });
  }
  return { keys };
}
