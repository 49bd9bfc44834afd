import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { ConfigService } from '@nestjs/config';
import { RequireRole } from '../auth/auth.decorators';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../errors/domain-error';
import { EventStore } from '../event-store/event-store';
import { LiveEventFeedRequest, ReadEventFeedRequest } from './feed.request';
import { LiveEventHub } from './live-event-hub';
import { FeedPage, ReadEventFeed } from './read-event-feed.query';
import { SseSession } from './sse-session';

/** The desk's events for downstream systems: paged (`GET /events`) and live (`GET /events/live`). */
@Controller('events')
@RequireRole('consumer')
@ApiTags('event feed')
@ApiBearerAuth()
export class EventFeedController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly store: EventStore,
    private readonly hub: LiveEventHub,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  @Get()
  @ApiOperation({ description: 'Events in position order after ?after (default 0), at most ?limit (1-1000, default 100), of ?types (comma list or repeated) when given; next is the last position read, or after when the page is empty. Never skips an event, even one that committed after a later position.' })
  read(@Query() query: ReadEventFeedRequest): Promise<FeedPage> {
    return this.queryBus.execute(new ReadEventFeed(query.after ?? 0, query.limit ?? 100, query.types ?? []));
  }

  /**
   * Server-Sent Events. Resumes after `Last-Event-ID` (or `?after=`); with neither, starts at the
   * current head and sends only what is appended from now on.
   */
  @Get('live')
  @ApiOperation({ description: 'Server-Sent Events: id is the position, event the type, data the event JSON. Resumes after Last-Event-ID (or ?after); with neither it starts at the current head and sends only new events. Heartbeat comments keep idle connections open; a client that stops reading is disconnected and can resume.' })
  async live(@Query() query: LiveEventFeedRequest, @Headers('last-event-id') lastEventId: string | undefined, @Res() response: Response): Promise<void> {
    const after = lastEventId !== undefined ? parseLastEventId(lastEventId) : (query.after ?? (await this.store.headPosition()));
    const session = new SseSession(response, this.store, this.hub, {
      after,
      types: query.types ?? [],
      heartbeatMs: this.config.get('sseHeartbeatMs', { infer: true }),
      maxBufferedBytes: this.config.get('sseMaxBufferedBytes', { infer: true }),
    });
    await session.run();
  }
}

function parseLastEventId(header: string): number {
  const value = header.trim();
  if (!/^\d{1,15}$/.test(value)) {
    throw new DomainError('invalid_last_event_id', 'Last-Event-ID must be an event position (a whole number ≥ 0)', 'invalid_input', {
      errors: [{ field: 'Last-Event-ID', message: 'must be a whole number ≥ 0' }],
    });
  }
  return Number(value);
}
