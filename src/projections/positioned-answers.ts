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
 * Answers of a projection read, kept while the projection stands where it stood when they were
 * made. An answer made after the projection's checkpoint was read at P reflects P at least; while
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
  /** In least-recently-used order: a Map iterates in insertion order, and a hit re-inserts. */
  private readonly kept = new Map<string, Kept>();
  private size = 0;

  constructor(
    private readonly limits: PositionedAnswersLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** The answer for `key` made at exactly `position`, if it is still kept. */
  get(key: string, position: number): string | undefined {
    const kept = this.kept.get(key);
    if (!kept) return undefined;
    if (kept.position !== position || this.now() - kept.keptAt >= this.limits.maxAgeMs) {
      if (kept.position <= position) this.forget(key, kept);
      return undefined;
    }
    this.kept.delete(key);
    this.kept.set(key, kept);
    return kept.text;
  }

  /** Keeps `text` as the answer for `key` at `position` (not if it is larger than a quarter of the room). */
  set(key: string, position: number, text: string): void {
    const kept = this.kept.get(key);
    if (kept && kept.position > position) return;
    if (kept) this.forget(key, kept);
    if (text.length > this.limits.maxSize / 4) return;
    this.kept.set(key, { position, text, keptAt: this.now() });
    this.size += text.length;
    for (const [oldest, entry] of this.kept) {
      if (this.size <= this.limits.maxSize) break;
      this.forget(oldest, entry);
    }
  }

  private forget(key: string, kept: Kept): void {
    this.kept.delete(key);
    this.size -= kept.text.length;
  }
}
