import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_POSITION } from '../../event-store/event-store.types';

/**
 * The query parameter every projection read accepts. `@ProjectionRead` reads it from the raw query
 * (and answers 400 for a bad one); it is declared here so a pipe that refuses unknown parameters lets it through.
 */
export class ProjectionReadRequest {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_POSITION)
  minPosition?: number;
}
