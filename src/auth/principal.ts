import type { Request } from 'express';
import type { Role } from './roles';

/** Who is calling: the API key that authenticated the request, its principal's name and role. */
export interface Principal {
  /** The `api_keys.id` of the key used; stable across restarts, never the secret. */
  keyId: string;
  name: string;
  role: Role;
}

/** An Express request after the API-key guard has run; `principal` is absent only on `@Public()` routes. */
export type AuthenticatedRequest = Request & { principal?: Principal };
