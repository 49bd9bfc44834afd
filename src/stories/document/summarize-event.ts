import type { StoredEvent } from '../../event-store/event-store.types';
import { asRecordedStoryEvent } from '../story';
import type { CorrectionIssuedData, Figure, Source, Speaker, StoryRevisedData } from '../story.events';
import { describeFigure, describeSource, describeSpeaker } from './figure-wording';
import type { UntalliedDocumentState } from './story-document';

const EXCERPT_LENGTH = 70;

/**
 * One line a desk editor scans in the version list, e.g. "Casualties reported: Turkish soldiers
 * killed 33, per Rahmi Dogan". `state` is the story before the event: a correction or retraction
 * names its target as the story knew it. Reads the reports and statements, never the tallies: any
 * state will do, tallied or not.
 */
export function summarizeEvent(event: StoredEvent, state: UntalliedDocumentState | null): string {
  const story = asRecordedStoryEvent(event);
  switch (story.type) {
    case 'StoryOpened':
      return oneLine(`Story opened: ${story.data.headline}`);
    case 'StoryRevised':
      return oneLine(`${revisedFields(story.data)} revised${story.data.note ? ` (${story.data.note})` : ''}`);
    case 'CasualtiesReported': {
      const { party, category, figure, status, source } = story.data;
      const verb = status === 'claimed' ? 'claimed' : 'reported';
      return oneLine(`Casualties ${verb}: ${party} ${category} ${describeFigure(figure)}, per ${describeSource(source)}`);
    }
    case 'StatementRecorded': {
      const { speaker, text, mode } = story.data;
      const words = mode === 'quote' ? `"${excerpt(text)}"` : `${excerpt(text)} (paraphrase)`;
      return oneLine(`Statement by ${describeSpeaker(speaker)}: ${words}`);
    }
    case 'CorrectionIssued':
      return oneLine(`Correction to ${describeTarget(state, story.data.targetEventId)}: ${describeChanges(story.data)}`);
    case 'DevelopmentRetracted':
      return oneLine(`Retracted: ${describeTarget(state, story.data.targetEventId)}`);
    case 'StoryPublished':
      return oneLine(`Published version ${story.data.publishedVersion}${story.data.note ? `: ${story.data.note}` : ''}`);
    default:
      return unreachable(story);
  }
}

function revisedFields(data: StoryRevisedData): string {
  const fields = (['headline', 'dek', 'body'] as const).filter((field) => data[field] !== undefined);
  const listed = fields.length > 1 ? `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}` : (fields[0] ?? 'text');
  return listed.charAt(0).toUpperCase() + listed.slice(1);
}

/** The target as the story knew it before the event: "the report Turkish soldiers killed 33, per …". */
function describeTarget(state: UntalliedDocumentState | null, targetEventId: string): string {
  const report = state?.reports.find((candidate) => candidate.eventId === targetEventId);
  if (report !== undefined) {
    return `the report ${report.party} ${report.category} ${describeFigure(report.figure)}, per ${describeSource(report.source)}`;
  }
  const statement = state?.document.statements.find((candidate) => candidate.eventId === targetEventId);
  if (statement !== undefined) return `the statement by ${describeSpeaker(statement.speaker)}`;
  return `event ${targetEventId}`;
}

/** "figure 19 → at least 19; source Selin Arslan → Emre Kaya": each changed key, before and after. */
function describeChanges(data: CorrectionIssuedData): string {
  const before = data.before as Record<string, unknown>;
  const changes = data.changes as Record<string, unknown>;
  return Object.keys(changes)
    .map((key) => `${key} ${describeValue(key, before[key])} → ${describeValue(key, changes[key])}`)
    .join('; ');
}

function describeValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (key === 'figure') return describeFigure(value as Figure);
  if (key === 'source') return describeSource(value as Source);
  if (key === 'speaker') return describeSpeaker(value as Speaker);
  return typeof value === 'string' ? `"${excerpt(value)}"` : JSON.stringify(value);
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT_LENGTH ? flat : `${flat.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…`;
}

/** Summaries are one line whatever the texts they quote hold. */
function oneLine(summary: string): string {
  return summary.replace(/\s+/g, ' ').trim();
}

function unreachable(event: never): never {
  throw new Error(`Unknown story event ${JSON.stringify(event)}`);
}
