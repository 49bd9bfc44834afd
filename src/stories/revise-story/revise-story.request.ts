import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import type { ReviseStory as ReviseStoryInput } from '../story.commands';
import { definedFields, OptionalText } from '../write/request-fields';

const noText = (body: ReviseStoryRequest) => body.headline === undefined && body.dek === undefined && body.body === undefined;

/** `POST /stories/:id/revisions`: at least one of headline, dek, body; an empty dek or body clears it. */
export class ReviseStoryRequest {
  // When none of the three is sent, `headline` is reported missing (400) on behalf of all three.
  @ApiPropertyOptional({ maxLength: 300, example: 'Shelling kills 22 soldiers at border post', description: 'at least one of headline, dek, body' })
  @ValidateIf((body: ReviseStoryRequest) => body.headline !== undefined || noText(body))
  @IsDefined({ message: 'at least one of headline, dek and body is required' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString() @IsNotEmpty({ message: 'headline must not be empty' }) @MaxLength(300)
  headline?: string;

  @OptionalText({ max: 1_000, allowEmpty: true }) dek?: string;
  @OptionalText({ max: 100_000, allowEmpty: true }) body?: string;
  @OptionalText({ max: 2_000, example: 'toll updated after governor briefing' }) note?: string;
}

export function toReviseStoryInput(body: ReviseStoryRequest): ReviseStoryInput {
  const { headline, dek, body: text, note } = body;
  return definedFields({ headline, dek, body: text, note });
}
