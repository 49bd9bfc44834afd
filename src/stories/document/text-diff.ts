import { diffWordsWithSpace } from 'diff';

export type TextOp = 'equal' | 'insert' | 'delete';

/** A run of a word-level text diff (API.md `GET /stories/:id/diff`). */
export interface TextRun {
  op: TextOp;
  text: string;
}

/**
 * Past this many inserted plus deleted tokens (words, spaces, punctuation; about 500 changed
 * words) a text was rewritten rather than edited: the diff gives up and answers "all of it
 * deleted, all of it inserted", which is what a reader would see anyway, instead of spending
 * seconds of CPU on one request.
 */
const MAX_EDIT_LENGTH = 1_000;

/**
 * Word-level diff of two texts. The `equal` and `delete` runs concatenate back to exactly `from`,
 * the `equal` and `insert` runs to exactly `to`: `diffWordsWithSpace` keeps every space and
 * newline as a token of its own (`diffWords` would fold whitespace into its neighbours and lose
 * that guarantee). Adjacent runs of one op are merged and empty runs dropped.
 */
export function diffText(from: string, to: string): TextRun[] {
  const changes = diffWordsWithSpace(from, to, { maxEditLength: MAX_EDIT_LENGTH });
  const runs: TextRun[] =
    changes === undefined
      ? [
          { op: 'delete', text: from },
          { op: 'insert', text: to },
        ]
      : changes.map((change) => ({ op: change.added ? 'insert' : change.removed ? 'delete' : 'equal', text: change.value }));
  return mergeRuns(runs);
}

/** The text one side of a diff reads: `from` (equal + delete runs) or `to` (equal + insert runs). */
export function sideOfDiff(runs: readonly TextRun[], side: 'from' | 'to'): string {
  const skipped: TextOp = side === 'from' ? 'insert' : 'delete';
  return runs
    .filter((run) => run.op !== skipped)
    .map((run) => run.text)
    .join('');
}

function mergeRuns(runs: readonly TextRun[]): TextRun[] {
  const merged: TextRun[] = [];
  for (const run of runs) {
    if (run.text === '') continue;
    const last = merged[merged.length - 1];
    if (last?.op === run.op) last.text += run.text;
    else merged.push({ ...run });
  }
  return merged;
}
