import { Controller, Get, INestApplication, Module, Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../../../src/app.factory';
import { Public } from '../../../src/auth/auth.decorators';
import type { AppConfig } from '../../../src/config/app-config';
import type { Projection } from '../../../src/projections/projection';
import { ProjectionRead } from '../../../src/projections/projection-read.decorator';
import { ProjectionsModule } from '../../../src/projections/projections.module';

/** A read route over a toy projection's counts table, as a real query route would be. */
function toyReadController(projection: string): Type<unknown> {
  @Public()
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
  @Module({ imports: [ProjectionsModule.forFeature(projections)], controllers: readRoutes.map(toyReadController) })
  class ToyModule {}

  const app = await createApp(config, { logger: false, extraModules: [ToyModule] });
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
