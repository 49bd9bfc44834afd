import { ArgumentsHost, Catch, ExceptionFilter, HttpException, INestApplication, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE, NestFactory } from '@nestjs/core';
import type { Response } from 'express';
import request from 'supertest';
import { AppModule } from '../../../src/app.module';
import { DomainError } from '../../../src/errors/domain-error';
import { testAppConfig } from '../../support/test-database';

/**
 * The service for the version suites until src/http (problem details, the global validation pipe)
 * and src/auth (keys per role) land on main: then `createTestApp()` from test/support/test-app.ts
 * replaces `startVersionsTestApp`, and `headers(role)` sends that role's key.
 */
export interface VersionsTestApp {
  app: INestApplication;
  http: ReturnType<typeof request.agent>;
  /** `http://127.0.0.1:<port>`: the app listens, for clients other than supertest (a browser). */
  baseUrl: string;
  /** Headers a client of that role sends (none until keys exist). */
  headers(role: 'consumer' | 'editor'): Record<string, string>;
  /** The key an editor pastes into the page (any text until keys exist). */
  key(role: 'consumer' | 'editor'): string;
  close(): Promise<void>;
}

const STATUS_BY_KIND = { invalid_input: 400, not_found: 404, conflict: 409, precondition_failed: 412, rule_violated: 422, unavailable: 503 } as const;

/** Stand-in for the problem-details filter: the status of the error's kind, its code and details. */
@Catch()
class ProblemStandInFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof DomainError) {
      response.status(STATUS_BY_KIND[error.kind]).type('application/problem+json').json({ status: STATUS_BY_KIND[error.kind], code: error.code, detail: error.message, ...error.details });
    } else if (error instanceof HttpException) {
      response.status(error.getStatus()).type('application/problem+json').json({ status: error.getStatus(), detail: error.message, errors: error.getResponse() });
    } else {
      response.status(500).json({ status: 500, detail: String(error) });
    }
  }
}

/** As the HTTP core's pipe is configured: unknown fields refused, no implicit conversion. */
const validationPipe = () => new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, transformOptions: { enableImplicitConversion: false } });

export async function startVersionsTestApp(env: Record<string, string> = {}): Promise<VersionsTestApp> {
  @Module({
    imports: [AppModule.forRoot(testAppConfig(env))],
    providers: [
      { provide: APP_FILTER, useClass: ProblemStandInFilter },
      { provide: APP_PIPE, useFactory: validationPipe },
    ],
  })
  class VersionsTestModule {}

  const app = await NestFactory.create(VersionsTestModule, { logger: false, abortOnError: false });
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, http: request.agent(app.getHttpServer()), baseUrl, headers: () => ({}), key: (role) => `no-keys-yet-${role}`, close: () => app.close() };
}
