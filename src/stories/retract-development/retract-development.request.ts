import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { RetractDevelopment as RetractDevelopmentInput } from '../story.commands';
import { definedFields, OptionalText, RequiredText } from '../write/request-fields';

/** `POST /stories/:id/retractions` */
export class RetractDevelopmentRequest {
  @ApiProperty({ format: 'uuid', description: 'the casualty report or statement being retracted' })
  @IsUUID()
  targetEventId!: string;

  @RequiredText({ max: 2_000, example: 'The agency withdrew its report.' }) reason!: string;
  @OptionalText({ max: 2_000, example: 'An earlier version attributed a statement to the ministry in error.' }) notice?: string;
}

export function toRetractDevelopmentInput(body: RetractDevelopmentRequest): RetractDevelopmentInput {
  const { targetEventId, reason, notice } = body;
  return definedFields({ targetEventId: targetEventId.toLowerCase(), reason, notice });
}
