import { randomBytes } from 'node:crypto';

/** Keys for one run, handed to the service through NEWSDESK_API_KEYS; never written anywhere. */
export interface BenchKeys {
  reporter: string;
  editor: string;
  consumer: string;
  admin: string;
  /** The NEWSDESK_API_KEYS value that bootstraps them. */
  variable: string;
}

export function generateBenchKeys(): BenchKeys {
  const secret = () => randomBytes(24).toString('base64url');
  const keys = { reporter: secret(), editor: secret(), consumer: secret(), admin: secret() };
  const variable = Object.entries(keys)
    .map(([role, key]) => `${role}:bench-${role}:${key}`)
    .join(',');
  return { ...keys, variable };
}
