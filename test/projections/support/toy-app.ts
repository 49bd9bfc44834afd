import { ArgumentsHost, Catch, Controller, ExceptionFilter, Get, INestApplication, Module, Type } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { AppModule } from '../../../src/app.module';
import type { AppConfig } from '../../../src/config/app-config';
import { DomainError } from '../../../src/errors/domain-error';
import type { Projection } from '../../../src/projections/projection';
import { ProjectionRead } from '../../../src/projections/projection-read.decorator';
import { ProjectionsModule } from '../../../src/projections/projections.module';

const STATUS_BY_KIND = { invalid_input: 400, not_found: 404, conflict: 409, precondition_failed: 412, rule_violated: 422, unavailable: 503 };

/** Stand-in for the real problem-details filter (built elsewhere): just the status and the code. */
@Catch(DomainError)
class DomainErrorStatusFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(STATUS_BY_KIND[error.kind]).json({ code: error.code, details: error.details });
  }
}

/** A read route over a toy projection's counts table, as a real query route would be. */
function toyReadController(projection: string): Type<unknown> {
  @Controller('toy')
  class ToyReadController {
    constructor(private readonly dataSource: DataSource) {}

    @Get(projection)
    @ProjectionRead(projection)
    async counts(): Promise<{ events: number }> {
      const [row]: { events: string }[] = await this.dataSource.query(`SELECT coalesce(sum(events), 0) AS events FROM ${projection}_counts`);
      return { events: Number(row.events) };
    }
  }
  return ToyReadController;
}

/** The whole service plus toy projections (and a read route per projection), initialised. */
export async function startToyApp(config: AppConfig, projections: Type<Projection>[], readRoutes: string[] = []): Promise<INestApplication> {
  @Module({
    imports: [AppModule.forRoot(config), ProjectionsModule.forFeature(projections)],
    controllers: readRoutes.map(toyReadController),
    providers: [{ provide: APP_FILTER, useClass: DomainErrorStatusFilter }],
  })
  class ToyRootModule {}

  const app = await NestFactory.create(ToyRootModule, { logger: false, abortOnError: false });
  await app.init();
  return app;
}

/** Polls until `condition` holds; fails (naming what) after `timeoutMs`. Bounds a wait, asserts no timing. */
export async function eventually(what: string, condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
