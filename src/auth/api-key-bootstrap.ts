import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfigService } from '../config/config.module';
import { DATABASE_ENDPOINT } from '../database/database.module';
import type { DatabaseEndpoint } from '../database/database-endpoint';
import { ApiKeyRepository } from './api-key.repository';
import { formatFirstStartKeys } from './first-start-keys';
import { ROLES } from './roles';

/**
 * Start-up key provisioning:
 * - every NEWSDESK_API_KEYS entry is upserted by its secret's hash, so restarts never duplicate keys;
 * - on the embedded PostgreSQL only, with no key configured and none stored, one key per role is
 *   created and printed once, so a newcomer can call the API straight after `npm start`. A real
 *   server never gets keys nobody asked for.
 */
@Injectable()
export class ApiKeyBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('ApiKeys');

  constructor(
    private readonly keys: ApiKeyRepository,
    @Inject(ConfigService) private readonly config: AppConfigService,
    @Inject(DATABASE_ENDPOINT) private readonly endpoint: DatabaseEndpoint,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const configured = this.config.get('bootstrapApiKeys', { infer: true });
    for (const entry of configured) {
      const { key, created } = await this.keys.upsertWithSecret({ ...entry, origin: 'environment' });
      if (created) this.logger.log(`Stored API key ${key.id} (${key.role} "${key.name}") from NEWSDESK_API_KEYS`);
      if (key.revokedAt) this.logger.warn(`NEWSDESK_API_KEYS lists ${key.role} "${key.name}", whose key ${key.id} is revoked: it stays refused`);
    }
    if (configured.length === 0 && this.endpoint.embedded && (await this.keys.count()) === 0) {
      await this.createFirstStartKeys();
    }
  }

  private async createFirstStartKeys(): Promise<void> {
    const created = [];
    for (const role of ROLES) created.push(await this.keys.create({ role, name: `local-${role}`, origin: 'first_start' }));
    const host = this.config.get('host', { infer: true });
    const port = this.config.get('port', { infer: true });
    // Through the logger, so it lands where the service's output goes (and stays out of quiet test apps).
    this.logger.log(formatFirstStartKeys(created, `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`));
  }
}
