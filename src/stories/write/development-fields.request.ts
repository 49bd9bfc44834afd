import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional } from 'class-validator';
import { Figure, Source, Speaker } from '../story.events';
import { definedFields, OptionalText, RequiredText } from './request-fields';

/** `{ min, max?, wording? }`: exact 33 = {min:33,max:33}; "at least 33" = {min:33}; "dozens" = {min:24, wording:"dozens"}. */
export class FigureRequest {
  @ApiProperty({ example: 33, description: 'lower bound: a whole number ≥ 0 (422 otherwise)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  min!: number;

  @ApiPropertyOptional({ example: 33, description: 'upper bound; absent = open-ended ("at least", "more than")' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false })
  max?: number;

  @OptionalText({ max: 200, example: 'dozens', description: 'the words the source used' })
  wording?: string;
}

/** Who said it and how it reached the desk. */
export class SourceRequest {
  @RequiredText({ max: 200, example: 'Selim Kaya' }) name!: string;
  @OptionalText({ max: 200, example: 'provincial governor' }) role?: string;
  @OptionalText({ max: 200, example: 'Karavan governorate' }) organization?: string;
  @OptionalText({ max: 200, example: 'Meridian News Agency' }) via?: string;
  @OptionalText({ max: 100, example: 'phone call' }) channel?: string;
}

export class SpeakerRequest {
  @RequiredText({ max: 200, example: 'Lena Sorel' }) name!: string;
  @OptionalText({ max: 200, example: 'defence ministry spokesperson' }) role?: string;
  @OptionalText({ max: 200, example: 'Ministry of Defence' }) organization?: string;
}

export const toFigure = ({ min, max, wording }: FigureRequest): Figure => definedFields({ min, max, wording });
export const toSource = ({ name, role, organization, via, channel }: SourceRequest): Source => definedFields({ name, role, organization, via, channel });
export const toSpeaker = ({ name, role, organization }: SpeakerRequest): Speaker => definedFields({ name, role, organization });
