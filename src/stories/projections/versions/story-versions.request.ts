import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { MAX_STREAM_VERSION } from '../../../event-store/event-store.types';
import { ProjectionReadRequest } from '../projection-read.request';
import { VERSION_REFERENCE_PATTERN } from './version-reference';

/**
 * Query and path values arrive as strings. Only plain digits become numbers, so "1e3", "0x10" or
 * " 7" stay strings and fail `@IsInt` with a 400 instead of being read as some other number.
 */
const wholeNumber = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^[0-9]{1,15}$/.test(value) ? Number(value) : value);
const booleanWord = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/** `GET /stories/:id/versions` query. */
export class ListStoryVersionsRequest extends ProjectionReadRequest {
  /** Exclusive version to list after (0 = from the first); versions are `integer`. */
  @IsOptional() @Transform(wholeNumber) @IsInt() @Min(0) @Max(MAX_STREAM_VERSION)
  after?: number;

  @IsOptional() @Transform(wholeNumber) @IsInt() @Min(1) @Max(1000)
  limit?: number;

  /** `true`: publications only. */
  @IsOptional() @Transform(booleanWord) @IsBoolean({ message: 'published must be true or false' })
  published?: boolean;
}

/** `GET /stories/:id/versions/:version` path. */
export class StoryVersionParams {
  @IsUUID()
  id!: string;

  @Transform(wholeNumber) @IsInt({ message: 'version must be a whole number such as 7' }) @Min(1)
  version!: number;
}

const REFERENCE_MESSAGE = 'must be a version number (1 or more) or one of latest, latest-published, previous-published';

/** `GET /stories/:id/diff` query: two versions, each a number or a keyword. */
export class DiffStoryVersionsRequest extends ProjectionReadRequest {
  @IsString() @Matches(VERSION_REFERENCE_PATTERN, { message: `from ${REFERENCE_MESSAGE}` })
  from!: string;

  @IsString() @Matches(VERSION_REFERENCE_PATTERN, { message: `to ${REFERENCE_MESSAGE}` })
  to!: string;
}
