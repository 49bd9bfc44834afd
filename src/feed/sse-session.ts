import { once } from 'node:events';
import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import { Subscription } from 'rxjs';
import { EventStore } from '../event-store/event-store';
import { StoredEvent } from '../event-store/event-store.types';
import { toFeedEvent } from './feed-event';
import { LiveEventHub } from './live-event-hub';

export interface SseSessionOptions {
  /** Exclusive position to start after. */
  after: number;
  types: readonly string[];
  heartbeatMs: number;
  /** A client that lets more than this many bytes pile up unsent is disconnected; it can resume. */
  maxBufferedBytes: number;
}

const CATCH_UP_PAGE = 500;

/**
 * One client of `GET /events/live`. It subscribes to the hub first and buffers what arrives, then
 * catches up from the store until a read comes back empty, then drains the buffer and goes live.
 * Every event is sent only if its position is past the last one handled, so the seam between
 * catch-up and live has neither a gap (the store never skips) nor a duplicate.
 *
 * Memory per client is bounded by `maxBufferedBytes` in both phases: live, by the bytes written but
 * not yet taken by the client; during catch-up (which waits for the client to drain each page), by
 * the live events held for it meanwhile. Past it the client is cut off and resumes with Last-Event-ID.
 */
export class SseSession {
  private lastHandled: number;
  private readonly types: Set<string> | null;
  private closed = false;
  private subscription?: Subscription;
  private heartbeat?: NodeJS.Timeout;
  private attached = false;

  constructor(
    private readonly response: Response,
    private readonly store: EventStore,
    private readonly hub: LiveEventHub,
    private readonly options: SseSessionOptions,
  ) {
    this.lastHandled = options.after;
    this.types = options.types.length ? new Set(options.types) : null;
  }

  async run(): Promise<void> {
    this.response.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    this.response.flushHeaders();
    this.response.on('close', () => this.close());
    this.response.write(': connected\n\n');
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), this.options.heartbeatMs);

    let live = false;
    const buffered: StoredEvent[] = [];
    let bufferedBytes = 0;
    this.subscription = this.hub.events$.subscribe({
      next: (batch) => {
        if (live) return this.send(batch);
        buffered.push(...batch);
        // Held for a client still catching up: unsent bytes like any other, under the same limit.
        bufferedBytes += batch.reduce((sum, event) => sum + approximateSize(event), 0);
        if (bufferedBytes > this.options.maxBufferedBytes) this.cutOff();
      },
      // The service is shutting down: end the stream; the client resumes elsewhere with Last-Event-ID.
      complete: () => {
        this.response.end();
        this.close();
      },
    });
    this.attached = true;
    try {
      await this.hub.attach();
      for (;;) {
        const page = await this.store.readAll({ after: this.lastHandled, limit: CATCH_UP_PAGE, types: this.types ? [...this.types] : undefined });
        if (this.closed) return;
        if (page.length === 0) break;
        this.send(page);
        // Catch-up goes at the client's pace: never read further ahead than it accepts.
        if (this.response.writableNeedDrain) await Promise.race([once(this.response, 'drain'), once(this.response, 'close')]);
      }
      live = true;
      this.send(buffered.splice(0));
    } catch (error) {
      this.response.write(`event: error\ndata: ${JSON.stringify({ detail: 'The feed could not be read; reconnect to resume.' })}\n\n`);
      this.response.end();
      this.close();
      new Logger(SseSession.name).warn(`Live feed session ended by a read failure: ${(error as Error).message}`);
    }
  }

  private send(events: readonly StoredEvent[]): void {
    for (const event of events) {
      if (this.closed) return;
      if (event.position <= this.lastHandled) continue;
      this.lastHandled = event.position;
      if (this.types && !this.types.has(event.type)) continue;
      this.write(`id: ${event.position}\nevent: ${event.type}\ndata: ${JSON.stringify(toFeedEvent(event))}\n\n`);
    }
  }

  private write(chunk: string): void {
    if (this.closed) return;
    this.response.write(chunk);
    if (this.response.writableLength > this.options.maxBufferedBytes) this.cutOff();
  }

  /** A slow client must not grow our memory: cut it off; it resumes with Last-Event-ID. */
  private cutOff(): void {
    this.response.destroy();
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.subscription?.unsubscribe();
    if (this.attached) this.hub.detach();
  }
}

/** About what an event costs held in memory and sent: its data and metadata as JSON, plus the envelope. */
function approximateSize(event: StoredEvent): number {
  return JSON.stringify(event.data).length + JSON.stringify(event.metadata).length + 200;
}
