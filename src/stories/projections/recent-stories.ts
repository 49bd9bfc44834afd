/**
 * A value per story for the stories used most recently, least recently used first out (a Map keeps
 * insertion order: a use moves the entry to the end). What a value means, and when it may be
 * trusted, is the caller's: the projections that keep one check it against their tables first.
 */
export class RecentStories<Value> {
  private readonly values = new Map<string, Value>();

  constructor(private readonly capacity: number) {}

  /** The value kept for this story, counting as a use. */
  get(storyId: string): Value | undefined {
    const value = this.values.get(storyId);
    if (value !== undefined) this.remember(storyId, value);
    return value;
  }

  remember(storyId: string, value: Value): void {
    this.values.delete(storyId);
    this.values.set(storyId, value);
    if (this.values.size > this.capacity) this.values.delete(this.values.keys().next().value!);
  }
}
