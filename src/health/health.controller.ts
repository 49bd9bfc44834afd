import { Controller, Get, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { PROJECTION_HEALTH, ProjectionHealth, ProjectionHealthSource } from './projection-health';

export interface HealthReport {
  status: 'ok' | 'error';
  database: 'up' | 'down';
  projections: ProjectionHealth[];
}

/** Liveness for operators and load balancers: 503 when the database is down or a projection is stuck. */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: TypeOrmHealthIndicator,
    @Optional() @Inject(PROJECTION_HEALTH) private readonly projections?: ProjectionHealthSource,
  ) {}

  @Get()
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const ping = await this.database.pingCheck('database', { timeout: 2_000 });
    const database = ping.database.status === 'up' ? 'up' : 'down';
    const projections = database === 'up' && this.projections ? await this.projections.statuses() : [];
    const healthy = database === 'up' && projections.every((projection) => projection.error === null);
    response.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: healthy ? 'ok' : 'error', database, projections };
  }
}
