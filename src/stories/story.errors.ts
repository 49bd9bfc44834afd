import { DomainError, ErrorKind } from '../errors/domain-error';

/**
 * Every error the story domain throws: its code, its kind (which fixes the HTTP status) and when
 * it happens. Codes are part of the API: clients branch on them, so never rename one.
 */
export const STORY_ERROR_CODES = {
  story_not_found: { kind: 'not_found', when: 'a command other than open names a story that does not exist' },
  story_already_exists: { kind: 'conflict', when: 'a story is opened on a stream that already holds one' },
  duplicate_slug: { kind: 'conflict', when: 'another story already uses the slug (checked by the caller)' },
  headline_empty: { kind: 'invalid_input', when: 'a story is opened or revised with an empty headline' },
  invalid_field: { kind: 'invalid_input', when: 'a field of a report, statement or correction has the wrong type or an unknown value' },
  figure_not_whole_number: { kind: 'rule_violated', when: 'a figure bound is not a whole number of people (an integer of 0 or more)' },
  figure_min_above_max: { kind: 'rule_violated', when: 'a figure has a lower bound above its upper bound' },
  invalid_timestamp: { kind: 'rule_violated', when: 'asOf or madeAt is not an ISO-8601 date and time with a time zone' },
  as_of_in_future: { kind: 'rule_violated', when: 'asOf or madeAt lies more than 5 minutes after now' },
  revision_empty: { kind: 'invalid_input', when: 'a revision carries none of headline, dek and body' },
  revision_changes_nothing: { kind: 'rule_violated', when: 'every text a revision carries equals the current text' },
  target_not_found: { kind: 'rule_violated', when: 'a correction or retraction names an event that is not in this story' },
  target_not_correctable: { kind: 'rule_violated', when: 'a correction targets something other than a casualty report or a statement' },
  target_not_retractable: { kind: 'rule_violated', when: 'a retraction targets something other than a casualty report or a statement' },
  target_retracted: { kind: 'rule_violated', when: 'a correction targets a retracted development' },
  already_retracted: { kind: 'rule_violated', when: 'a retraction targets a development that is already retracted' },
  changes_empty: { kind: 'invalid_input', when: 'a correction carries no changes' },
  changes_unknown_field: { kind: 'invalid_input', when: 'a correction changes a field the target type does not have' },
  correction_changes_nothing: { kind: 'rule_violated', when: 'every value a correction carries equals the current value' },
  nothing_to_publish: { kind: 'rule_violated', when: 'the current version is already the published one' },
} as const satisfies Record<string, { kind: ErrorKind; when: string }>;

export type StoryErrorCode = keyof typeof STORY_ERROR_CODES;

/** A `DomainError` whose kind is the one the table gives its code. */
export function storyError(code: StoryErrorCode, message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError(code, message, STORY_ERROR_CODES[code].kind, details);
}

/** Thrown by the caller, which checks slug uniqueness across stories before opening one. */
export function duplicateSlug(slug: string, existingStoryId?: string): DomainError {
  return storyError('duplicate_slug', `Another story already uses the slug "${slug}".`, {
    slug,
    ...(existingStoryId === undefined ? {} : { existingStoryId }),
  });
}

export function storyNotFound(storyId?: string): DomainError {
  return storyId === undefined
    ? storyError('story_not_found', 'This story does not exist.')
    : storyError('story_not_found', `No story has the id ${storyId}.`, { storyId });
}

/** A wrongly shaped value, named by its path (`changes.figure.min`) as the problem body names fields. */
export function invalidField(field: string, message: string): DomainError {
  return storyError('invalid_field', `${field}: ${message}`, { field, errors: [{ field, message }] });
}
