import type { CasualtyTally, TallyReport } from '../tallies/compute-tallies';
import type { Speaker, StatementMode, StatementRecordedData } from '../story.events';

/** `published` once any version has been published (the site shows `publishedVersion`), else `draft`. */
export type StoryStatus = 'draft' | 'published';

/** A statement as the story carries it: corrections applied, absent optional fields `null`. */
export interface DocumentStatement {
  eventId: string;
  speaker: Speaker;
  text: string;
  mode: StatementMode;
  channel: string | null;
  via: string | null;
  madeAt: string | null;
  /** At least one correction changed it. */
  corrected: boolean;
  retracted: boolean;
}

/** The API's shape of a statement, from its recorded data (corrections already applied) and its marks. */
export function documentStatement(
  eventId: string,
  { speaker, text, mode, channel, via, madeAt }: StatementRecordedData,
  marks: { corrected: boolean; retracted: boolean },
): DocumentStatement {
  return { eventId, speaker, text, mode, channel: channel ?? null, via: via ?? null, madeAt: madeAt ?? null, ...marks };
}

/** A public notice printed with a correction or a retraction (one issued without a notice has none). */
export interface CorrectionNotice {
  /** The `CorrectionIssued` or `DevelopmentRetracted` event. */
  eventId: string;
  kind: 'correction' | 'retraction';
  targetEventId: string;
  notice: string;
  recordedAt: string;
}

/**
 * The story as a reader sees it at one stream version (API.md `GET /stories/:id`). Plain JSON: the
 * story_versions projection stores it for the latest version and every 64th, and re-folds the others.
 */
export interface StoryDocument {
  id: string;
  slug: string;
  headline: string;
  /** `null` when absent or cleared by a revision. */
  dek: string | null;
  body: string | null;
  dateline: string | null;
  desk: string | null;
  bylines: string[];
  status: StoryStatus;
  /** The stream version this document stands at. */
  version: number;
  /** The latest published version at or before `version`, `null` before the first publication. */
  publishedVersion: number | null;
  tallies: CasualtyTally[];
  /** In the order they were recorded, retracted ones included and marked. */
  statements: DocumentStatement[];
  /** In the order they were issued. */
  notices: CorrectionNotice[];
  /** When the event that made this version was recorded, ISO-8601 UTC. */
  updatedAt: string;
}

/**
 * What the fold carries from one version to the next: the document, plus the casualty reports
 * (corrections applied) its tallies are computed from. A tally alone cannot take a correction that
 * moves a report to another party or category, so the reports travel with it.
 */
export interface StoryDocumentState {
  document: StoryDocument;
  reports: TallyReport[];
}

/**
 * A fold state whose `document.tallies` may lag its `reports`: what `foldUntalliedFrom` answers,
 * for the story_versions projection, which reads the reports of every version but stores tallies
 * only in a snapshot. The type leaves the tallies out so nothing reads or trusts them; `withTallies`
 * makes it a {@link StoryDocumentState} again. At run time the document still holds a `tallies` key
 * (as it was when last computed), so computing them rewrites that key in place and the document's
 * JSON keeps its key order.
 */
export interface UntalliedDocumentState {
  document: Omit<StoryDocument, 'tallies'>;
  reports: TallyReport[];
}
