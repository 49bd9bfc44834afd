import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PagedListRequest } from '../paged-list';

/** `GET /statements` query: optional exact (case- and space-insensitive) speaker name and organization, paged. */
export class SearchStatementsRequest extends PagedListRequest {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  speaker?: string;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  organization?: string;
}
