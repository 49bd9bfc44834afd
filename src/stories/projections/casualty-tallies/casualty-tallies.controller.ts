import { ApiBearerAuth, ApiTags, ApiOperation } from '@nestjs/swagger';
import { RequireRole } from '../../../auth/auth.decorators';
import { Controller, Get, Header, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ProjectionRead } from '../../../projections/projection-read.decorator';
import { ProjectionReadRequest } from '../projection-read.request';
import { CasualtyTalliesProjection } from './casualty-tallies.projection';
import { ReadCasualtyTallies, StoryCasualtiesJson } from './read-casualty-tallies.query';

/** A story's casualty tallies per party and category. */
@RequireRole('consumer')
@ApiTags('reads')
@ApiBearerAuth()
@Controller('stories/:id/casualties')
export class CasualtyTalliesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ description: 'Casualty tallies per (party, category): current (latest asOf, ties by position, retracted excluded, corrections applied), each source\'s latest figure, range (max null when open-ended), disputed (two sources\' figures cannot both be true) and the history in asOf order. Parties are grouped case- and space-insensitively and shown as first written. Accepts ?minPosition; answers X-Projection-Position.' })
  @ProjectionRead(CasualtyTalliesProjection.NAME)
  // The answer is JSON text already (a `StoryCasualties`); Express sends a string as it is.
  @Header('Content-Type', 'application/json; charset=utf-8')
  read(@Param('id', new ParseUUIDPipe()) storyId: string, @Query() _query: ProjectionReadRequest): Promise<StoryCasualtiesJson> {
    return this.queryBus.execute(new ReadCasualtyTallies(storyId.toLowerCase()));
  }
}
