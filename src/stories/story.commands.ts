import { CasualtiesReportedData, StatementRecordedData, StoryOpenedData } from './story.events';

/**
 * What each decide function is asked to do, as the HTTP layer hands it over (strings already
 * trimmed, shapes already validated). The story is the one whose state is passed alongside.
 */

/** The opening data as the story will record it; bylines may be left out (none yet). */
export type OpenStory = Omit<StoryOpenedData, 'bylines'> & { bylines?: string[] };

/** At least one of headline, dek and body; an empty dek or body clears it. */
export interface ReviseStory {
  headline?: string;
  dek?: string;
  body?: string;
  note?: string;
}

export type ReportCasualties = CasualtiesReportedData;

export type RecordStatement = StatementRecordedData;

export interface IssueCorrection {
  targetEventId: string;
  /** New values for top-level fields of the target's data; `null` removes an optional field. */
  changes: Record<string, unknown>;
  reason: string;
  notice?: string;
}

export interface RetractDevelopment {
  targetEventId: string;
  reason: string;
  notice?: string;
}

export interface PublishStory {
  note?: string;
}
