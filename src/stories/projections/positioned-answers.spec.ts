import { PositionedAnswers } from './positioned-answers';

describe('PositionedAnswers', () => {
  let now = 0;
  const answers = (maxSize = 1_000, maxAgeMs = 1_000) => new PositionedAnswers({ maxSize, maxAgeMs }, () => now);
  beforeEach(() => (now = 0));

  it('answers only at the position the answer was made at', () => {
    const kept = answers();
    kept.set('a', 10, 'ten');
    expect(kept.get('a', 10)).toBe('ten');
    expect(kept.get('a', 11)).toBeUndefined();
    // Gone once a later position was asked for: positions only grow.
    expect(kept.get('a', 10)).toBeUndefined();
    expect(kept.get('b', 10)).toBeUndefined();
  });

  it('keeps the newer of two answers made at different positions, whichever comes in last', () => {
    const kept = answers();
    kept.set('a', 12, 'twelve');
    kept.set('a', 11, 'eleven');
    expect(kept.get('a', 12)).toBe('twelve');
    kept.set('a', 13, 'thirteen');
    expect(kept.get('a', 13)).toBe('thirteen');
  });

  it('stops answering after maxAgeMs even at the same position', () => {
    const kept = answers(1_000, 1_000);
    kept.set('a', 10, 'ten');
    now = 999;
    expect(kept.get('a', 10)).toBe('ten');
    now = 1_000;
    expect(kept.get('a', 10)).toBeUndefined();
  });

  it('lets the least recently used go first when the texts outgrow maxSize, and keeps no text larger than a quarter of it', () => {
    const kept = answers(100);
    kept.set('a', 1, 'x'.repeat(25));
    kept.set('b', 1, 'x'.repeat(25));
    kept.set('c', 1, 'x'.repeat(25));
    expect(kept.get('a', 1)).toBeDefined();
    kept.set('d', 1, 'x'.repeat(25));
    kept.set('e', 1, 'x'.repeat(25));
    // b was the least recently used: a was read after it was kept.
    expect(kept.get('b', 1)).toBeUndefined();
    expect(['a', 'c', 'd', 'e'].map((key) => kept.get(key, 1) !== undefined)).toEqual([true, true, true, true]);
    kept.set('f', 1, 'x'.repeat(26));
    expect(kept.get('f', 1)).toBeUndefined();
    expect(kept.get('e', 1)).toBeDefined();
  });
});
