import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * Honour `Idempotency-Key` on this write route (see {@link IdempotencyInterceptor}): a retry with the
 * same key and request returns the first answer and runs nothing. Needs an authenticated route.
 */
export const Idempotent = (): MethodDecorator & ClassDecorator => applyDecorators(UseInterceptors(IdempotencyInterceptor));
