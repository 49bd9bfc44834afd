import { ArgumentsHost, Catch, ExceptionFilter, HttpException, INestApplication, ValidationPipe } from '@nestjs/common';
import type { Response } from 'express';
import { createApp } from '../../../src/app.factory';
import { DomainError } from '../../../src/errors/domain-error';
import { testAppConfig } from '../../support/test-database';

const STATUS_BY_KIND = { invalid_input: 400, not_found: 404, conflict: 409, precondition_failed: 412, rule_violated: 422, unavailable: 503 };

/**
 * Stand-in for the global problem-details filter that `src/http/` brings: the status and the code,
 * enough for these suites to check 400, 404 and 503. Goes away when they switch to `createTestApp()`.
 */
@Catch()
class StatusFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof DomainError) response.status(STATUS_BY_KIND[error.kind]).json({ code: error.code, detail: error.message, ...error.details });
    else if (error instanceof HttpException) response.status(error.getStatus()).json(error.getResponse());
    else response.status(500).json({ detail: String(error) });
  }
}

/**
 * The whole service on this run's database, projections running, as the read suites use it. Until
 * `src/http/` lands it adds the validation the global pipe will do (unknown query parameters refused).
 */
export async function startReadsApp(env: Record<string, string> = {}): Promise<INestApplication> {
  const config = testAppConfig({ NEWSDESK_PROJECTION_POLL_MS: '50', NEWSDESK_MIN_POSITION_WAIT_MS: '15000', ...env });
  const app = await createApp(config, { logger: false });
  app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }));
  app.useGlobalFilters(new StatusFilter());
  await app.init();
  return app;
}
