import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { NestedObject } from '../../http';
import type { RecordStatement as RecordStatementInput } from '../story.commands';
import { STATEMENT_MODES, StatementMode } from '../story.events';
import { SpeakerRequest, toSpeaker } from '../write/development-fields.request';
import { definedFields, OptionalText, RequiredText } from '../write/request-fields';

/** `POST /stories/:id/statements` */
export class RecordStatementRequest {
  @ApiProperty({ type: SpeakerRequest })
  @NestedObject(() => SpeakerRequest)
  speaker!: SpeakerRequest;

  @RequiredText({ max: 10_000, example: 'Nine of our soldiers were killed in the attack.' })
  text!: string;

  @ApiProperty({ enum: STATEMENT_MODES, example: 'quote' })
  @IsIn(STATEMENT_MODES)
  mode!: StatementMode;

  @OptionalText({ max: 100, example: 'written statement' }) channel?: string;
  @OptionalText({ max: 200, example: 'Meridian News Agency' }) via?: string;

  @ApiPropertyOptional({ example: '2026-11-27T20:05:00Z' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true })
  madeAt?: string;
}

export function toRecordStatementInput(body: RecordStatementRequest): RecordStatementInput {
  const { text, mode, channel, via, madeAt } = body;
  return definedFields({ speaker: toSpeaker(body.speaker), text, mode, channel, via, madeAt });
}
