import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { MAX_POSITION, MAX_STREAM_VERSION } from '../event-store/event-store.types';

/** `types=A,B` and `types=A&types=B` both become `['A', 'B']`. */
const toTypeList = ({ value }: { value: unknown }): unknown =>
  value === undefined
    ? undefined
    : (Array.isArray(value) ? value : [value]).flatMap((item) => String(item).split(',')).map((item) => item.trim()).filter(Boolean);

/** Optional filter on event types, shared by the paged and the live feed. */
class EventTypeFilter {
  @IsOptional() @Transform(toTypeList) @ArrayMaxSize(20)
  @Matches(/^[A-Za-z][A-Za-z0-9]{0,99}$/, { each: true, message: 'each type must be an event type name such as CasualtiesReported' })
  types?: string[];
}

/** `GET /events` query: the exclusive position to read after (0 = the beginning), how many, which types. */
export class ReadEventFeedRequest extends EventTypeFilter {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_POSITION)
  after?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;
}

/** `GET /events/live` query: where to resume when no `Last-Event-ID` header is sent. */
export class LiveEventFeedRequest extends EventTypeFilter {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_POSITION)
  after?: number;
}

/** `GET /stories/:id/events` query: versions after `after`, at most `limit`. */
export class ReadStoryEventsRequest {
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_STREAM_VERSION)
  after?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;
}
