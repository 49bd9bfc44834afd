import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, Matches } from 'class-validator';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { OpenStory as OpenStoryInput } from '../story.commands';
import { definedFields, OptionalText, RequiredText } from '../write/request-fields';

/** `POST /stories` */
export class OpenStoryRequest {
  @RequiredText({ max: 120, example: 'border-shelling-2026-11-27', description: 'unique across the desk; lower-case words joined by hyphens' })
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'slug must be lower-case letters and digits joined by single hyphens' })
  slug!: string;

  @RequiredText({ max: 300, example: 'Shelling kills 9 soldiers at border post' })
  headline!: string;

  @OptionalText({ max: 1_000, example: 'Provincial governor says the toll may rise' })
  dek?: string;

  @OptionalText({ max: 100_000 })
  body?: string;

  @OptionalText({ max: 200, example: 'KARAVAN, Nov 27' })
  dateline?: string;

  @OptionalText({ max: 100, example: 'world' })
  desk?: string;

  @ApiPropertyOptional({ type: [String], example: ['Ayse Demir'] })
  @IsOptional() @IsArray() @ArrayMaxSize(20)
  @Transform(({ value }) => (Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value))
  @IsString({ each: true }) @IsNotEmpty({ each: true, message: 'each byline must not be empty' }) @MaxLength(200, { each: true })
  bylines?: string[];
}

export function toOpenStoryInput(body: OpenStoryRequest): Omit<OpenStoryInput, 'storyId'> {
  const { slug, headline, dek, body: text, dateline, desk, bylines } = body;
  return definedFields({ slug, headline, dek, body: text, dateline, desk, bylines });
}
