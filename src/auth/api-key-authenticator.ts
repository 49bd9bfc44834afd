import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfigService } from '../config/config.module';
import { CLOCK, Clock } from '../system/clock';
import { hashApiKeySecret, sameHash } from './api-key-secret';
import { ApiKeyRepository } from './api-key.repository';
import { Principal } from './principal';

/** Active keys remembered at most this many at once; past it the cache starts again empty. */
const MAX_CACHED_KEYS = 10_000;

interface CachedPrincipal {
  principal: Principal;
  secretHash: string;
  expiresAt: number;
}

/**
 * Turns a bearer secret into a {@link Principal}, or `undefined` for an unknown or revoked key.
 *
 * Active keys are remembered in memory for `apiKeyCacheTtlMs` (NEWSDESK_API_KEY_CACHE_TTL_MS,
 * default 5 s), so a busy client costs no database round trip per request; the price is that a key
 * revoked by another process (`npm run apikey:revoke`, another instance) still works here for at most
 * that long. Unknown keys are not remembered: each costs one indexed lookup, and a key created a
 * moment ago works at once.
 *
 * Lookups go by the SHA-256 of the presented secret, so neither the index nor this map ever compares
 * attacker-chosen bytes with a stored secret; the final hash check is constant-time all the same.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, CachedPrincipal>();
  private readonly ttlMs: number;

  constructor(
    private readonly keys: ApiKeyRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ConfigService) config: AppConfigService,
  ) {
    this.ttlMs = config.get('apiKeyCacheTtlMs', { infer: true });
  }

  async authenticate(secret: string): Promise<Principal | undefined> {
    const secretHash = hashApiKeySecret(secret);
    const now = this.clock.now().getTime();
    const cached = this.cache.get(secretHash);
    if (cached && cached.expiresAt > now && sameHash(cached.secretHash, secretHash)) return cached.principal;
    this.cache.delete(secretHash);

    const key = await this.keys.findBySecretHash(secretHash);
    if (!key || key.revokedAt !== null || !sameHash(key.secretHash, secretHash)) return undefined;
    const principal: Principal = { keyId: key.id, name: key.name, role: key.role };
    if (this.ttlMs > 0) {
      if (this.cache.size >= MAX_CACHED_KEYS) this.cache.clear();
      this.cache.set(secretHash, { principal, secretHash, expiresAt: now + this.ttlMs });
    }
    return principal;
  }

  /** Forgets a key at once (after it was revoked in this process). */
  forget(keyId: string): void {
    for (const [hash, entry] of this.cache) {
      if (entry.principal.keyId === keyId) this.cache.delete(hash);
    }
  }
}
