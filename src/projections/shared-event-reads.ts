import type { EventStore } from '../event-store/event-store';
import type { ReadAllOptions, StoredEvent } from '../event-store/event-store.types';

/** What a projection loop reads the log with. */
export type EventLogReader = Pick<EventStore, 'readAll'>;

/**
 * Reads of the log shared by the runner's loops. One NOTIFY wakes every loop, and loops that stand
 * at the same checkpoint then ask for the same page: one query answers all of them. Sharing a page
 * that was read a moment before another loop asked is safe: the store never lets a later commit
 * take an earlier position, so a page is always the exact prefix of the log after `after`.
 * The events are shared too: projections must not change them (they already may not: a rebuild
 * applies each batch to every projection).
 */
export class SharedEventReads implements EventLogReader {
  private readonly inFlight = new Map<string, Promise<StoredEvent[]>>();

  constructor(private readonly store: EventLogReader) {}

  readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const key = JSON.stringify([options.after ?? 0, options.limit ?? null, options.types ?? null]);
    let read = this.inFlight.get(key);
    if (!read) {
      read = this.store.readAll(options).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, read);
    }
    return read;
  }
}
