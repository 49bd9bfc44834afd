import { INestApplication } from '@nestjs/common';
import type { Application, NextFunction, Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { ID_GENERATOR, IdGenerator } from '../system/id-generator';
import { inspectQuery } from './body/json-body-inspection';
import { jsonBodyMiddleware } from './body/json-body.middleware';
import { setupOpenApi } from './openapi/openapi';
import { rateLimitMiddleware } from './rate-limit/rate-limit.middleware';
import { requestContextMiddleware } from './request-context/request-context.middleware';

/**
 * The Express-level part of the HTTP core, in the order a request meets it: request and
 * correlation ids (so every answer, even a refusal, carries them), the rate limit (before any
 * body is read), query parameters PostgreSQL could not store (NUL, unpaired surrogates: 400), the
 * JSON body (415, 413, malformed JSON), then `/docs`. Errors raised here reach
 * the problem-details filter like any other. Must run before `app.init()` so it precedes the routes.
 */
export function installHttpPipeline(app: INestApplication, config: Pick<AppConfig, 'bodyLimitBytes' | 'rateLimitPerMinute'>): void {
  const express = app.getHttpAdapter().getInstance() as Application;
  // Our ETags name story versions ("7"); Express's automatic body-hash ETags would look like
  // versions to a client and be refused by If-Match.
  express.set('etag', false);
  express.disable('x-powered-by');
  app.use(requestContextMiddleware(app.get<IdGenerator>(ID_GENERATOR)));
  if (config.rateLimitPerMinute > 0) app.use(rateLimitMiddleware(config.rateLimitPerMinute));
  app.use((request: Request, _response: Response, next: NextFunction) => next(inspectQuery(request.query)));
  app.use(...jsonBodyMiddleware(config.bodyLimitBytes));
  setupOpenApi(app);
}
