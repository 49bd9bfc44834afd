import { RecentStories } from './recent-stories';

/** How much a {@link PositionedAnswers} may hold, and for how long. */
export interface PositionedAnswersLimits {
  /** The texts' total length (UTF-16 code units, about bytes for JSON) kept at most; least recently used go first. */
  maxSize: number;
  /** An answer is not served after this long, whatever the checkpoint says (see below). */
  maxAgeMs: number;
}

interface Kept {
  position: number;
  text: string;
  keptAt: number;
}

/**
 * Answers of a projection read per story, kept while the projection stands where it stood when
 * they were made. An answer made after the projection's checkpoint was read at P reflects P at least; while
 * the checkpoint still reads P it reflects exactly P (rows and checkpoint commit together, and the
 * checkpoint only grows), so it may be sent again without asking the database. Every batch moves
 * the checkpoint, so no answer outlives a change to the projection — with one exception that
 * `maxAgeMs` bounds: a rebuild swapped in when no event had arrived since the live tables' last
 * batch replaces the tables at the same position.
 *
 * A position read later may only be the same or higher, so an answer replaced by a newer one is
 * never wanted again; one made at a lower position than the kept one is not kept.
 */
export class PositionedAnswers {
  /** Weighed by their texts' length; a use moves an answer to the back of the queue. */
  private readonly kept: RecentStories<Kept>;

  constructor(
    private readonly limits: PositionedAnswersLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.kept = new RecentStories<Kept>(Number.POSITIVE_INFINITY, (kept) => kept.text.length, limits.maxSize);
  }

  /** The answer for the story made at exactly `position`, if it is still kept. */
  get(storyId: string, position: number): string | undefined {
    const kept = this.kept.get(storyId);
    if (!kept) return undefined;
    if (kept.position !== position || this.now() - kept.keptAt >= this.limits.maxAgeMs) {
      if (kept.position <= position) this.kept.take(storyId);
      return undefined;
    }
    return kept.text;
  }

  /** Keeps `text` as the story's answer at `position` (not if it is larger than a quarter of the room). */
  set(storyId: string, position: number, text: string): void {
    const kept = this.kept.get(storyId);
    if (kept && kept.position > position) return;
    if (text.length > this.limits.maxSize / 4) {
      this.kept.take(storyId);
      return;
    }
    this.kept.remember(storyId, { position, text, keptAt: this.now() });
  }
}
