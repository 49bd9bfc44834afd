import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PagedListRequest } from '../paged-list';

/** `GET /stories` query: optional `status` and `desk` (case-insensitive), paged. */
export class ReadStoriesListRequest extends PagedListRequest {
  @IsOptional() @IsIn(['draft', 'published'])
  status?: 'draft' | 'published';

  @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  desk?: string;
}
