/**
 * Stories kept. A rebuild batch (5,000 events) of a desk's log touches about 100 stories (the
 * bench's seed develops 100 side by side; a real desk has fewer stories moving at once), and a live
 * batch the few a desk is working on; consecutive batches mostly touch the same ones. 256 holds both
 * at once (a rebuild and the live runner share a projection instance) with room to spare.
 */
export const STORIES_KEPT = 256;

/**
 * Casualty reports kept in all, across the stories kept: what bounds the memory when the stories
 * are long. A kept report costs well under 1 KB (the report, its place, the group's entry), so this
 * is at most a few tens of MB per projection: 256 stories of 400 reports, or 20 of 5,000.
 */
export const REPORTS_KEPT = 100_000;

/**
 * A value per story for the stories used most recently, least recently used first out (a Map keeps
 * insertion order: a use moves the entry to the end), at most `capacity` of them and, when values
 * are weighed, at most `maxWeight` in all (the value just remembered is kept even if it alone weighs
 * more). What a value means, and when it may be trusted, is the caller's: the projections that keep
 * one check it against their tables first.
 */
export class RecentStories<Value> {
  private readonly values = new Map<string, { value: Value; weight: number }>();
  private totalWeight = 0;

  constructor(
    private readonly capacity = STORIES_KEPT,
    private readonly weigh: (value: Value) => number = () => 0,
    private readonly maxWeight = Number.POSITIVE_INFINITY,
  ) {}

  /** Kept stories of the story projections: at most {@link STORIES_KEPT}, holding at most {@link REPORTS_KEPT} reports in all. */
  static ofStories<Value>(reportsOf: (value: Value) => number): RecentStories<Value> {
    return new RecentStories(STORIES_KEPT, reportsOf, REPORTS_KEPT);
  }

  /** The value kept for this story, counting as a use. */
  get(storyId: string): Value | undefined {
    const entry = this.values.get(storyId);
    if (entry === undefined) return undefined;
    this.values.delete(storyId);
    this.values.set(storyId, entry);
    return entry.value;
  }

  /** The value kept for this story, no longer kept: for a value the caller changes in place and remembers again once it is sound. */
  take(storyId: string): Value | undefined {
    const entry = this.values.get(storyId);
    this.forget(storyId);
    return entry?.value;
  }

  /** Keeps `value` for the story (weighed now: a value changed later must be taken and remembered again). */
  remember(storyId: string, value: Value): void {
    this.forget(storyId);
    const weight = this.weigh(value);
    this.values.set(storyId, { value, weight });
    this.totalWeight += weight;
    for (const oldest of this.values.keys()) {
      if (oldest === storyId || (this.values.size <= this.capacity && this.totalWeight <= this.maxWeight)) break;
      this.forget(oldest);
    }
  }

  /** How many stories are kept, and their values' weight in all. */
  get usage(): { stories: number; weight: number } {
    return { stories: this.values.size, weight: this.totalWeight };
  }

  private forget(storyId: string): void {
    const entry = this.values.get(storyId);
    if (entry === undefined) return;
    this.values.delete(storyId);
    this.totalWeight -= entry.weight;
  }
}
