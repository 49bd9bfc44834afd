import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsUUID } from 'class-validator';
import type { IssueCorrection as IssueCorrectionInput } from '../story.commands';
import { definedFields, OptionalText, RequiredText } from '../write/request-fields';

/** `POST /stories/:id/corrections` */
export class IssueCorrectionRequest {
  @ApiProperty({ format: 'uuid', description: 'the casualty report or statement being corrected' })
  @IsUUID()
  targetEventId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { figure: { min: 22, max: 22 } },
    description: "a partial replacement of the target's data, validated as that event type validates it; null removes an optional field",
  })
  @IsObject()
  changes!: Record<string, unknown>;

  @RequiredText({ max: 2_000, example: 'The governor revised the figure from 9 to 22.' }) reason!: string;
  @OptionalText({ max: 2_000, example: 'An earlier version gave the toll as 9.' }) notice?: string;
}

export function toIssueCorrectionInput(body: IssueCorrectionRequest): IssueCorrectionInput {
  const { targetEventId, changes, reason, notice } = body;
  return definedFields({ targetEventId: targetEventId.toLowerCase(), changes, reason, notice });
}
