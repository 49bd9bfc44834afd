export type { Projection, ProjectionTransaction } from './projection';
export { ProjectionsModule } from './projections.module';
export { ProjectionRunner } from './projection-runner';
export type { PositionWait } from './projection-runner';
export { ProjectionRead } from './projection-read.decorator';
export { PROJECTION_POSITION_HEADER } from './projection-read.interceptor';
export { ProjectionRebuilder } from './rebuild/projection-rebuilder';
export type { RebuildOptions, RebuildProgress, RebuildResult } from './rebuild/projection-rebuilder';
export { RebuildAlreadyRunningError, UnknownProjectionError } from './projections.errors';
