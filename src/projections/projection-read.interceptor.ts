import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import type { AppConfigService } from '../config/config.module';
import { DomainError } from '../errors/domain-error';
import { parseMinPosition } from './min-position';
import { ProjectionRunner } from './projection-runner';

/** Metadata key under which `@ProjectionRead` stores the projections a route reads. */
export const PROJECTION_READ_METADATA = 'newsdesk:projection-read';

/** Header telling the client the position the answer reflects (at least). */
export const PROJECTION_POSITION_HEADER = 'X-Projection-Position';

/**
 * For routes marked `@ProjectionRead(...)`: waits (bounded) for `?minPosition`, answers 503 when the
 * projection is still behind, and sets `X-Projection-Position` on every answer.
 *
 * The position is read BEFORE the handler queries the tables, and checkpoints only grow, so the
 * answer reflects at least that position. A route reading several projections reports the lowest
 * of their checkpoints: everything up to it is in every part of the answer (some parts may be newer).
 */
@Injectable()
export class ProjectionReadInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly runner: ProjectionRunner,
    @Inject(ConfigService) private readonly config: AppConfigService,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const names = this.reflector.getAllAndOverride<string[]>(PROJECTION_READ_METADATA, [context.getHandler(), context.getClass()]) ?? [];
    const http = context.switchToHttp();
    const minPosition = parseMinPosition(http.getRequest<Request>().query.minPosition);
    const waitMs = minPosition === undefined ? 0 : this.config.get('minPositionWaitMs', { infer: true });
    const waits = await Promise.all(names.map((name) => this.runner.waitForPosition(name, minPosition ?? 0, waitMs)));
    const position = Math.min(...waits.map((wait) => wait.position));
    http.getResponse<Response>().setHeader(PROJECTION_POSITION_HEADER, String(position));
    const behind = names.filter((_, index) => !waits[index].reached);
    if (behind.length > 0) {
      throw new DomainError(
        'projection_behind',
        `The ${behind.join(', ')} projection has not reached position ${minPosition} yet (it is at ${position}); retry shortly`,
        'unavailable',
        { retryAfterSeconds: 1, projection: behind.join(','), position, minPosition },
      );
    }
    return next.handle();
  }
}
