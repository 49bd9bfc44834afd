import { sameJsonValue } from '../story-corrections';
import { partyKey } from '../tallies/compute-tallies';
import type { CasualtyTally } from '../tallies/compute-tallies';
import type { CorrectionNotice, DocumentStatement, StoryDocument } from './story-document';
import { diffText, TextRun } from './text-diff';

/** One (party, category) whose tally differs: `before` is null when it is new, `after` when it is gone. */
export interface TallyChange {
  party: string;
  category: CasualtyTally['category'];
  before: CasualtyTally | null;
  after: CasualtyTally | null;
}

export interface StatementCorrection {
  eventId: string;
  before: DocumentStatement;
  after: DocumentStatement;
}

/** What changed between two versions of a story (API.md `GET /stories/:id/diff`). */
export interface StoryDiff {
  from: number;
  to: number;
  /** Word-level runs; see `diffText` for how they rebuild both texts. An absent dek or body diffs as empty. */
  text: { headline: TextRun[]; dek: TextRun[]; body: TextRun[] };
  /** Only the tallies that differ, in the order of `to` (then those only `from` had). */
  tallies: TallyChange[];
  statements: {
    /** Standing in `to` but not in `from` (new, or retracted only in `from`). */
    added: DocumentStatement[];
    /** Standing in `from` but not in `to`: retracted since. */
    removed: DocumentStatement[];
    /** Standing in both, with different words or attribution. */
    corrected: StatementCorrection[];
  };
  notices: { added: CorrectionNotice[] };
}

/**
 * Compares two documents of one story. Works in either direction; the HTTP route only asks it
 * forwards (`from.version <= to.version`). A retracted statement no longer stands, so retracting
 * one reads as removing it.
 */
export function diffDocuments(from: StoryDocument, to: StoryDocument): StoryDiff {
  return {
    from: from.version,
    to: to.version,
    text: {
      headline: diffText(from.headline, to.headline),
      dek: diffText(from.dek ?? '', to.dek ?? ''),
      body: diffText(from.body ?? '', to.body ?? ''),
    },
    tallies: diffTallies(from.tallies, to.tallies),
    statements: diffStatements(from.statements, to.statements),
    notices: { added: to.notices.filter((notice) => !from.notices.some((earlier) => earlier.eventId === notice.eventId)) },
  };
}

function diffTallies(from: readonly CasualtyTally[], to: readonly CasualtyTally[]): TallyChange[] {
  const key = (tally: CasualtyTally) => `${partyKey(tally.party)}\u0000${tally.category}`;
  const before = new Map(from.map((tally) => [key(tally), tally]));
  const after = new Map(to.map((tally) => [key(tally), tally]));
  const changes: TallyChange[] = [];
  for (const [tallyKey, tally] of after) {
    const previous = before.get(tallyKey) ?? null;
    if (!sameJsonValue(previous, tally)) changes.push({ party: tally.party, category: tally.category, before: previous, after: tally });
  }
  for (const [tallyKey, tally] of before) {
    if (!after.has(tallyKey)) changes.push({ party: tally.party, category: tally.category, before: tally, after: null });
  }
  return changes;
}

function diffStatements(from: readonly DocumentStatement[], to: readonly DocumentStatement[]): StoryDiff['statements'] {
  const standing = (statements: readonly DocumentStatement[]) =>
    new Map(statements.filter((statement) => !statement.retracted).map((statement) => [statement.eventId, statement]));
  const before = standing(from);
  const after = standing(to);
  const corrected: StatementCorrection[] = [];
  for (const [eventId, statement] of after) {
    const previous = before.get(eventId);
    if (previous !== undefined && !sameJsonValue(wordsOf(previous), wordsOf(statement))) corrected.push({ eventId, before: previous, after: statement });
  }
  return {
    added: [...after.values()].filter((statement) => !before.has(statement.eventId)),
    removed: [...before.values()].filter((statement) => !after.has(statement.eventId)),
    corrected,
  };
}

/** What a reader reads of a statement; the `corrected` flag itself is not a difference. */
function wordsOf({ speaker, text, mode, channel, via, madeAt }: DocumentStatement): object {
  return { speaker, text, mode, channel, via, madeAt };
}
