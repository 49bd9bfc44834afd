import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { ConfigService } from '@nestjs/config';
import { AppConfig } from '../config/app-config';
import { EventStore } from '../event-store/event-store';
import { StoredEvent } from '../event-store/event-store.types';

const PAGE = 1_000;

/**
 * One reader of the store for every live feed client: while anyone listens it polls `readAll`
 * after the last position it broadcast and hands each new batch to all sessions, so a hundred
 * clients cost one query per tick, not a hundred.
 */
@Injectable()
export class LiveEventHub implements OnModuleDestroy {
  private readonly logger = new Logger(LiveEventHub.name);
  private readonly batches = new Subject<StoredEvent[]>();
  private listeners = 0;
  private cursor: number | null = null;
  private started: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private polling = false;

  private readonly pollIntervalMs: number;

  constructor(
    private readonly store: EventStore,
    config: ConfigService<AppConfig, true>,
  ) {
    this.pollIntervalMs = config.get('feedPollMs', { infer: true });
  }

  /** Batches of events in position order, from the moment of subscription. */
  get events$(): Observable<StoredEvent[]> {
    return this.batches.asObservable();
  }

  /** How many live-feed clients are attached right now. */
  get clients(): number {
    return this.listeners;
  }

  /**
   * Counts a listening client; polling runs only while there is one. Resolves once the hub's
   * cursor is set: a session subscribed before that sees, live, everything after the cursor, and
   * catches up from the store on everything up to it — so no event falls between the two.
   */
  attach(): Promise<void> {
    this.listeners += 1;
    this.started ??= this.store.headPosition().then((head) => {
      if (this.listeners === 0) return; // everyone left before the hub started
      this.cursor = head;
      this.timer ??= setInterval(() => void this.poll(), this.pollIntervalMs);
    });
    return this.started;
  }

  detach(): void {
    this.listeners = Math.max(0, this.listeners - 1);
    if (this.listeners > 0) return;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.cursor = null;
    this.started = null;
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.batches.complete();
  }

  private async poll(): Promise<void> {
    if (this.polling || this.cursor === null) return;
    this.polling = true;
    try {
      for (;;) {
        const events = await this.store.readAll({ after: this.cursor ?? 0, limit: PAGE });
        if (events.length === 0 || this.cursor === null) break;
        this.cursor = events[events.length - 1].position;
        this.batches.next(events);
        if (events.length < PAGE) break;
      }
    } catch (error) {
      // The database may be briefly away; sessions keep their place and the next tick retries.
      this.logger.warn(`Live feed poll failed: ${(error as Error).message}`);
    } finally {
      this.polling = false;
    }
  }
}
