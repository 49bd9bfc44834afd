import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { PROJECTION_READ_METADATA, ProjectionReadInterceptor } from './projection-read.interceptor';

/**
 * Marks a read route (or a controller) as answering from these projections: it accepts
 * `?minPosition=N`, waits up to NEWSDESK_MIN_POSITION_WAIT_MS for them to reach N (else 503 with
 * `Retry-After`), and always answers `X-Projection-Position`.
 *
 * @example @Get(':id/casualties') @ProjectionRead('casualty_tallies')
 */
export function ProjectionRead(...projections: [string, ...string[]]): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(PROJECTION_READ_METADATA, projections), UseInterceptors(ProjectionReadInterceptor));
}
