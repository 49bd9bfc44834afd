import type { Development } from './story-state';

/**
 * Every value each development of one stream has had, tagged with the stream version that set it.
 * States of the same stream share one history, so folding an event costs O(changed entries)
 * instead of a copy of every development (a 10,000-event story used to copy a 10,000-entry Map on
 * every event: seconds for a first fold, milliseconds for every later write).
 */
class DevelopmentHistory {
  /** Per event id, its successive values, oldest first (a report and then its corrections). */
  readonly values = new Map<string, { version: number; development: Development }[]>();
  /** The event id folded at each version, so a second fold of the same stream reuses the history. */
  readonly eventIds: string[] = [];
  /** How many developments exist at each version. */
  readonly sizes: number[] = [0];
  head = 0;

  /** A copy holding only what was known at `version`: a different event is being folded there. */
  copyUpTo(version: number): DevelopmentHistory {
    const copy = new DevelopmentHistory();
    for (const [eventId, values] of this.values) {
      const kept = values.filter((value) => value.version <= version);
      if (kept.length > 0) copy.values.set(eventId, kept);
    }
    copy.eventIds.push(...this.eventIds.slice(0, version + 1));
    copy.sizes.splice(0, 1, ...this.sizes.slice(0, version + 1));
    copy.head = version;
    return copy;
  }
}

/**
 * The developments of a story as of one stream version: a read-only map that never changes, even
 * as later versions of the same stream are folded.
 */
export class StoryDevelopments implements ReadonlyMap<string, Development> {
  private constructor(private readonly history: DevelopmentHistory, private readonly version: number) {}

  static empty(): StoryDevelopments {
    return new StoryDevelopments(new DevelopmentHistory(), 0);
  }

  /**
   * The developments after the event `eventId` at `version` set `changed` (itself, and a target it
   * corrects or retracts). Free when this is the newest state of the history, or when the same
   * event was already folded from here; otherwise (a different event after an older state) the
   * history is copied once.
   */
  after(eventId: string, version: number, changed: readonly Development[]): StoryDevelopments {
    let history = this.history;
    const isNext = version === this.version + 1;
    if (isNext && history.head > this.version && history.eventIds[version] === eventId) return new StoryDevelopments(history, version);
    if (!isNext || history.head !== this.version) history = history.copyUpTo(this.version);
    let added = 0;
    for (const development of changed) {
      const values = history.values.get(development.eventId);
      if (values === undefined) {
        history.values.set(development.eventId, [{ version, development }]);
        added++;
      } else {
        values.push({ version, development });
      }
    }
    history.eventIds[version] = eventId;
    history.sizes[version] = history.sizes[this.version] + added;
    history.head = version;
    return new StoryDevelopments(history, version);
  }

  get(eventId: string): Development | undefined {
    const values = this.history.values.get(eventId);
    if (values === undefined) return undefined;
    for (let index = values.length - 1; index >= 0; index--) {
      if (values[index].version <= this.version) return values[index].development;
    }
    return undefined;
  }

  has(eventId: string): boolean {
    return this.get(eventId) !== undefined;
  }

  get size(): number {
    return this.history.sizes[this.version];
  }

  *entries(): MapIterator<[string, Development]> {
    for (const eventId of this.history.values.keys()) {
      const development = this.get(eventId);
      if (development !== undefined) yield [eventId, development];
    }
  }

  *keys(): MapIterator<string> {
    for (const [eventId] of this.entries()) yield eventId;
  }

  *values(): MapIterator<Development> {
    for (const [, development] of this.entries()) yield development;
  }

  forEach(callback: (value: Development, key: string, map: ReadonlyMap<string, Development>) => void, thisArg?: unknown): void {
    for (const [eventId, development] of this.entries()) callback.call(thisArg, development, eventId, this);
  }

  [Symbol.iterator](): MapIterator<[string, Development]> {
    return this.entries();
  }
}
