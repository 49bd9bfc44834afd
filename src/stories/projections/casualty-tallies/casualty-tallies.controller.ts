import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../../../auth/auth.decorators';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ProjectionRead } from '../../../projections/projection-read.decorator';
import { ProjectionReadRequest } from '../projection-read.request';
import { CasualtyTalliesProjection } from './casualty-tallies.projection';
import { ReadCasualtyTallies, StoryCasualties } from './read-casualty-tallies.query';

/** A story's casualty tallies per party and category. */
@RequireRole('consumer')
@ApiTags('reads')
@ApiBearerAuth()
@Controller('stories/:id/casualties')
export class CasualtyTalliesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ProjectionRead(CasualtyTalliesProjection.NAME)
  read(@Param('id', new ParseUUIDPipe()) storyId: string, @Query() _query: ProjectionReadRequest): Promise<StoryCasualties> {
    return this.queryBus.execute(new ReadCasualtyTallies(storyId.toLowerCase()));
  }
}
