import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601 } from 'class-validator';
import { NestedObject } from '../../http';
import type { ReportCasualties as ReportCasualtiesInput } from '../story.commands';
import { CASUALTY_CATEGORIES, CASUALTY_STATUSES, CasualtyCategory, CasualtyStatus } from '../story.events';
import { FigureRequest, SourceRequest, toFigure, toSource } from '../write/development-fields.request';
import { definedFields, OptionalText, RequiredText } from '../write/request-fields';

/** `POST /stories/:id/casualty-reports` */
export class ReportCasualtiesRequest {
  @RequiredText({ max: 200, example: 'soldiers', description: 'whose casualties; grouped case- and space-insensitively' })
  party!: string;

  @ApiProperty({ enum: CASUALTY_CATEGORIES, example: 'killed' })
  @IsIn(CASUALTY_CATEGORIES)
  category!: CasualtyCategory;

  @ApiProperty({ type: FigureRequest })
  @NestedObject(() => FigureRequest)
  figure!: FigureRequest;

  @ApiProperty({ enum: CASUALTY_STATUSES, example: 'confirmed', description: 'claimed = a party\'s claim not independently confirmed' })
  @IsIn(CASUALTY_STATUSES)
  status!: CasualtyStatus;

  @ApiProperty({ type: SourceRequest })
  @NestedObject(() => SourceRequest)
  source!: SourceRequest;

  @ApiProperty({ example: '2026-11-27T19:40:00Z', description: 'when the figure was true; at most 5 minutes in the future' })
  @IsISO8601({ strict: true, strictSeparator: true })
  asOf!: string;

  @OptionalText({ max: 200, example: 'Karavan border post' }) location?: string;
  @OptionalText({ max: 2_000 }) note?: string;
}

export function toReportCasualtiesInput(body: ReportCasualtiesRequest): ReportCasualtiesInput {
  const { party, category, status, asOf, location, note } = body;
  return definedFields({ party, category, figure: toFigure(body.figure), status, source: toSource(body.source), asOf, location, note });
}
