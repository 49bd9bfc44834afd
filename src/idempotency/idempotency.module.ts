import { Global, Module } from '@nestjs/common';
import { IdempotencyKeyStore } from './idempotency-key.store';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** Global so that any feature module's controllers can use `@Idempotent()` without importing it. */
@Global()
@Module({
  providers: [IdempotencyKeyStore, IdempotencyInterceptor],
  exports: [IdempotencyKeyStore, IdempotencyInterceptor],
})
export class IdempotencyModule {}
