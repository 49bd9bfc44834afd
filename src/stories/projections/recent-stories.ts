/**
 * Stories kept. A rebuild batch (5,000 events) of a desk's log touches about 100 stories (the
 * bench's seed develops 100 side by side; a real desk has fewer stories moving at once), and a live
 * batch the few a desk is working on; consecutive batches mostly touch the same ones. 256 holds both
 * at once (a rebuild and the live runner share a projection instance) with room to spare, and
 * bounds the memory: a long story's fold state is ~90 KB as JSON, its reports less, so at most a
 * few tens of MB per projection.
 */
export const STORIES_KEPT = 256;

/**
 * A value per story for the stories used most recently, least recently used first out (a Map keeps
 * insertion order: a use moves the entry to the end). What a value means, and when it may be
 * trusted, is the caller's: the projections that keep one check it against their tables first.
 */
export class RecentStories<Value> {
  private readonly values = new Map<string, Value>();

  constructor(private readonly capacity = STORIES_KEPT) {}

  /** The value kept for this story, counting as a use. */
  get(storyId: string): Value | undefined {
    const value = this.values.get(storyId);
    if (value !== undefined) this.remember(storyId, value);
    return value;
  }

  /** The value kept for this story, no longer kept: for a value the caller changes in place and remembers again once it is sound. */
  take(storyId: string): Value | undefined {
    const value = this.values.get(storyId);
    this.values.delete(storyId);
    return value;
  }

  remember(storyId: string, value: Value): void {
    this.values.delete(storyId);
    this.values.set(storyId, value);
    if (this.values.size > this.capacity) this.values.delete(this.values.keys().next().value!);
  }
}
