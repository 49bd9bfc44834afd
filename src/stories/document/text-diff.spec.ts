import fc from 'fast-check';
import { diffText, sideOfDiff } from './text-diff';

/** Texts like a story's: words of letters (some accented), digits, punctuation, runs of spaces and newlines. */
const storyText = fc
  .array(fc.constantFrom('soldiers', 'killed', 'Doğan', '33', '300', 'more', 'than', 'the', ',', '.', '"', '—', ' ', '  ', '\n', '\n\n', '\t', 'İdlib'), {
    maxLength: 60,
  })
  .map((tokens) => tokens.join(''));

describe('diffText', () => {
  it('marks the words that changed and keeps the rest equal', () => {
    expect(diffText('At least 19 soldiers were killed', 'At least 33 soldiers were killed')).toEqual([
      { op: 'equal', text: 'At least ' },
      { op: 'delete', text: '19' },
      { op: 'insert', text: '33' },
      { op: 'equal', text: ' soldiers were killed' },
    ]);
  });

  it('answers one equal run for identical texts and nothing for two empty ones', () => {
    expect(diffText('Same words.', 'Same words.')).toEqual([{ op: 'equal', text: 'Same words.' }]);
    expect(diffText('', '')).toEqual([]);
  });

  it('diffs from and to an empty text as one insert or one delete', () => {
    expect(diffText('', 'A new dek.')).toEqual([{ op: 'insert', text: 'A new dek.' }]);
    expect(diffText('An old dek.', '')).toEqual([{ op: 'delete', text: 'An old dek.' }]);
  });

  it('keeps a change of whitespace alone as a change', () => {
    const runs = diffText('one paragraph.\nanother', 'one paragraph.\n\nanother');
    expect(runs.some((run) => run.op !== 'equal')).toBe(true);
    expect(sideOfDiff(runs, 'to')).toBe('one paragraph.\n\nanother');
  });

  it('rebuilds both texts exactly from its runs, on random texts (property)', () => {
    fc.assert(
      fc.property(storyText, storyText, (from, to) => {
        const runs = diffText(from, to);
        expect(sideOfDiff(runs, 'from')).toBe(from);
        expect(sideOfDiff(runs, 'to')).toBe(to);
      }),
      { numRuns: 500 },
    );
  });

  it('rebuilds both texts exactly from arbitrary unicode strings too (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 }), (from, to) => {
        const runs = diffText(from, to);
        expect(sideOfDiff(runs, 'from')).toBe(from);
        expect(sideOfDiff(runs, 'to')).toBe(to);
      }),
      { numRuns: 500 },
    );
  });

  it('never emits an empty run nor two neighbouring runs of one op (property)', () => {
    fc.assert(
      fc.property(storyText, storyText, (from, to) => {
        const runs = diffText(from, to);
        expect(runs.every((run) => run.text.length > 0)).toBe(true);
        expect(runs.every((run, index) => index === 0 || runs[index - 1].op !== run.op)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('gives up on a rewrite past its edit budget and still rebuilds both texts', () => {
    const words = (seed: string) => Array.from({ length: 2_000 }, (_, index) => `${seed}${index}`).join(' ');
    const from = words('a');
    const to = words('b');
    const runs = diffText(from, to);
    expect(runs).toEqual([
      { op: 'delete', text: from },
      { op: 'insert', text: to },
    ]);
  });
});
