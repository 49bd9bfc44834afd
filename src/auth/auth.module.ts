import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { ApiKeyBootstrap } from './api-key-bootstrap';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyRepository } from './api-key.repository';
import { WhoAmIController } from './whoami.controller';

/** API keys and roles: the global guard, start-up provisioning, and `GET /auth/whoami`. */
@Module({
  controllers: [WhoAmIController],
  providers: [ApiKeyRepository, ApiKeyAuthenticator, ApiKeyBootstrap, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [ApiKeyRepository, ApiKeyAuthenticator],
})
export class AuthModule {}
