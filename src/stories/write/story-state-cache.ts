import { StoryState } from '../story';

/**
 * Recently written stories' folded state, so a write on a long story folds only the events
 * appended since (usually none) instead of the whole stream. Entries are only ever built from
 * committed events and are checked against the stream on every use, so a stale entry costs one
 * short read, never a wrong decision. Least recently used entries go first.
 */
export class StoryStateCache {
  private readonly entries = new Map<string, StoryState>();

  constructor(private readonly capacity: number) {}

  get(storyId: string): StoryState | undefined {
    const state = this.entries.get(storyId);
    if (state) {
      this.entries.delete(storyId);
      this.entries.set(storyId, state);
    }
    return state;
  }

  set(storyId: string, state: StoryState): void {
    this.entries.delete(storyId);
    this.entries.set(storyId, state);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(storyId: string): void {
    this.entries.delete(storyId);
  }
}
