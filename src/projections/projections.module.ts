import { DynamicModule, Module, Type } from '@nestjs/common';
import { PROJECTION_HEALTH } from '../health/projection-health';
import type { Projection } from './projection';
import { ProjectionBatchApplier } from './projection-batch-applier';
import { ProjectionCheckpoints } from './projection-checkpoints';
import { ProjectionReadInterceptor } from './projection-read.interceptor';
import { ProjectionRegistry } from './projection-registry';
import { ProjectionRunner } from './projection-runner';
import { ProjectionRebuilder } from './rebuild/projection-rebuilder';

/**
 * The projection runner. `forRoot()` once in the application module; each feature module
 * registers its projections with `ProjectionsModule.forFeature([CasualtyTalliesProjection])`
 * (classes, built by Nest with their dependencies).
 */
@Module({})
export class ProjectionsModule {
  static forRoot(): DynamicModule {
    return {
      module: ProjectionsModule,
      global: true,
      providers: [
        ProjectionRegistry,
        ProjectionCheckpoints,
        ProjectionBatchApplier,
        ProjectionRunner,
        ProjectionRebuilder,
        ProjectionReadInterceptor,
        { provide: PROJECTION_HEALTH, useExisting: ProjectionRunner },
      ],
      exports: [ProjectionRegistry, ProjectionRunner, ProjectionRebuilder, ProjectionReadInterceptor, PROJECTION_HEALTH],
    };
  }

  static forFeature(projections: readonly Type<Projection>[]): DynamicModule {
    const registration = {
      provide: Symbol(`ProjectionRegistration(${projections.map((projection) => projection.name).join(',')})`),
      inject: [ProjectionRegistry, ...projections],
      useFactory: (registry: ProjectionRegistry, ...instances: Projection[]) => registry.register(instances),
    };
    return { module: ProjectionsModule, providers: [...projections, registration], exports: [...projections] };
  }
}
