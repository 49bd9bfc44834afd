import { DEVELOPMENT_DATA_KEYS, readCasualtyReport, readStatement } from './development-data';
import { JsonObject, isPlainObject, omitAbsent, readText } from './field-readers';
import { applyCorrection, effectiveChanges } from './story-corrections';
import { Development, ExistingStory, StoryState } from './story-state';
import { IssueCorrection, OpenStory, PublishStory, RecordStatement, ReportCasualties, RetractDevelopment, ReviseStory } from './story.commands';
import {
  CasualtiesReported,
  CorrectableType,
  CorrectionIssued,
  CorrectionIssuedData,
  DevelopmentRetracted,
  StatementRecorded,
  StoryOpened,
  StoryPublished,
  StoryRevised,
} from './story.events';
import { invalidField, storyError, storyNotFound } from './story.errors';

/**
 * The rules of one story. Each decide function takes the folded state, a command and the desk's
 * clock reading, and returns the event to append (type and data; the caller adds ids and
 * metadata) or throws a `DomainError` whose code is in `STORY_ERROR_CODES`.
 */

export { initialStoryState, evolve, foldStory, currentDevelopment, asRecordedStoryEvent } from './story-state';
export type { StoryState, ExistingStory, AbsentStory, Development } from './story-state';
export { applyCorrection } from './story-corrections';

/**
 * Corrections and retractions target reported facts only. A text revision is fixed by another
 * revision, a correction by another correction of the same target, and a story is never unopened:
 * retracting those would leave the corrections log saying nothing a reader can check.
 */
export const CORRECTABLE_TYPES: readonly CorrectableType[] = ['CasualtiesReported', 'StatementRecorded'];

export function isCorrectableType(type: string): type is CorrectableType {
  return (CORRECTABLE_TYPES as readonly string[]).includes(type);
}

export function openStory(state: StoryState, command: OpenStory, _now: Date): StoryOpened {
  if (state.exists) {
    throw storyError('story_already_exists', `The story ${state.storyId} is already open.`, { storyId: state.storyId });
  }
  if (!command.headline) throw storyError('headline_empty', 'A story needs a headline.', { field: 'headline' });
  const { storyId, slug, headline, dek, body, dateline, desk, bylines = [] } = command;
  readText(command, 'storyId', '');
  readText(command, 'slug', '');
  return { type: 'StoryOpened', data: omitAbsent({ storyId, slug, headline, dek, body, dateline, desk, bylines: [...bylines] }) };
}

export function reviseStory(state: StoryState, command: ReviseStory, _now: Date): StoryRevised {
  const story = requireStory(state);
  const { headline, dek, body, note } = command;
  if (headline === undefined && dek === undefined && body === undefined) {
    throw storyError('revision_empty', 'A revision needs a new headline, dek or body.');
  }
  if (headline === '') throw storyError('headline_empty', 'A revision cannot remove the headline.', { field: 'headline' });
  // An absent dek or body reads as empty, so clearing one that was never written changes nothing.
  const changed = {
    headline: headline !== undefined && headline !== story.headline ? headline : undefined,
    dek: dek !== undefined && dek !== (story.dek ?? '') ? dek : undefined,
    body: body !== undefined && body !== (story.body ?? '') ? body : undefined,
  };
  if (Object.values(changed).every((value) => value === undefined)) {
    throw storyError('revision_changes_nothing', 'The revision repeats the current text; nothing would change.');
  }
  return { type: 'StoryRevised', data: omitAbsent({ ...changed, note }) };
}

export function reportCasualties(state: StoryState, command: ReportCasualties, now: Date): CasualtiesReported {
  requireStory(state);
  return { type: 'CasualtiesReported', data: readCasualtyReport(command, now) };
}

export function recordStatement(state: StoryState, command: RecordStatement, now: Date): StatementRecorded {
  requireStory(state);
  return { type: 'StatementRecorded', data: readStatement(command, now) };
}

export function issueCorrection(state: StoryState, command: IssueCorrection, now: Date): CorrectionIssued {
  const target = requireTarget(requireStory(state), command.targetEventId);
  if (!isCorrectableType(target.type)) {
    throw storyError('target_not_correctable', `A ${target.type} cannot be corrected; only casualty reports and statements can.`, {
      targetEventId: target.eventId,
      targetType: target.type,
    });
  }
  if (target.retracted) {
    throw storyError('target_retracted', `The ${target.type} ${target.eventId} was retracted and can no longer be corrected.`, {
      targetEventId: target.eventId,
    });
  }
  const requested = readChanges(command.changes, target.type);
  const merged: JsonObject = { ...readCorrected(target, requested, now) };
  // Compare and store the values as the rules normalised them (a time in UTC, a figure without absent bounds).
  const normalised = Object.fromEntries(Object.keys(requested).map((key) => [key, requested[key] === null ? null : merged[key]]));
  const { changes, before } = effectiveChanges(target.data, normalised);
  if (Object.keys(changes).length === 0) {
    throw storyError('correction_changes_nothing', 'Every value in the correction equals the current one; nothing would change.', {
      targetEventId: target.eventId,
    });
  }
  const data = { targetEventId: target.eventId, targetType: target.type, changes, before, reason: readText(command, 'reason', ''), notice: command.notice };
  return { type: 'CorrectionIssued', data: omitAbsent(data) as CorrectionIssuedData };
}

export function retractDevelopment(state: StoryState, command: RetractDevelopment, _now: Date): DevelopmentRetracted {
  const target = requireTarget(requireStory(state), command.targetEventId);
  if (!isCorrectableType(target.type)) {
    throw storyError('target_not_retractable', `A ${target.type} cannot be retracted; only casualty reports and statements can.`, {
      targetEventId: target.eventId,
      targetType: target.type,
    });
  }
  if (target.retracted) {
    throw storyError('already_retracted', `The ${target.type} ${target.eventId} is already retracted.`, { targetEventId: target.eventId });
  }
  const data = { targetEventId: target.eventId, targetType: target.type, reason: readText(command, 'reason', ''), notice: command.notice };
  return { type: 'DevelopmentRetracted', data: omitAbsent(data) };
}

/**
 * Publishing the version that is already published is refused: an editor who publishes twice
 * has double-clicked or is looking at a stale screen, and a second identical published version
 * would only add noise to the version history and wake downstream renderers for nothing.
 */
export function publishStory(state: StoryState, command: PublishStory, _now: Date): StoryPublished {
  const story = requireStory(state);
  if (story.publishedVersion === story.version) {
    throw storyError('nothing_to_publish', `Version ${story.version} is already published; nothing has changed since.`, {
      publishedVersion: story.publishedVersion,
    });
  }
  return { type: 'StoryPublished', data: omitAbsent({ publishedVersion: story.version + 1, note: command.note }) };
}

function requireStory(state: StoryState): ExistingStory {
  if (!state.exists) throw storyNotFound();
  return state;
}

/** Targets are looked up in this story only, so an event of another story is "not found" here. */
function requireTarget(story: ExistingStory, targetEventId: string): Development {
  const target = story.developments.get(targetEventId);
  if (target === undefined) {
    throw storyError('target_not_found', `This story has no event ${targetEventId}.`, { targetEventId });
  }
  return target;
}

function readChanges(changes: unknown, targetType: CorrectableType): JsonObject {
  if (!isPlainObject(changes)) throw invalidField('changes', 'must be an object');
  const keys = Object.keys(changes).filter((key) => changes[key] !== undefined);
  if (keys.length === 0) throw storyError('changes_empty', 'A correction needs at least one changed field.', { field: 'changes' });
  const unknown = keys.find((key) => !DEVELOPMENT_DATA_KEYS[targetType].includes(key));
  if (unknown !== undefined) {
    throw storyError('changes_unknown_field', `A ${targetType} has no field "${unknown}" to correct.`, {
      field: `changes.${unknown}`,
      targetType,
    });
  }
  return Object.fromEntries(keys.map((key) => [key, changes[key]]));
}

/** The target as the correction would leave it, checked by the same rules as a new report or statement. */
function readCorrected(target: Development, changes: JsonObject, now: Date): object {
  const merged = applyCorrection(target.data, changes);
  return target.type === 'CasualtiesReported' ? readCasualtyReport(merged, now, 'changes') : readStatement(merged, now, 'changes');
}
