import type { StoryVersionMarks } from './story-versions.reader';
import { noPublishedVersion } from './story-versions.errors';

/** Names a diff may use instead of a number: the latest version, the latest published one, the one published before it. */
export const VERSION_KEYWORDS = ['latest', 'latest-published', 'previous-published'] as const;
export type VersionKeyword = (typeof VERSION_KEYWORDS)[number];

/** A version as a client names it: a number (1 or more) or a keyword. */
export type VersionReference = number | VersionKeyword;

/** `^(?:[1-9][0-9]{0,8}|latest|latest-published|previous-published)$`: what `from` and `to` accept. */
export const VERSION_REFERENCE_PATTERN = new RegExp(`^(?:[1-9][0-9]{0,8}|${VERSION_KEYWORDS.join('|')})$`);

/** Reads a reference already checked against {@link VERSION_REFERENCE_PATTERN}. */
export function parseVersionReference(text: string): VersionReference {
  return (VERSION_KEYWORDS as readonly string[]).includes(text) ? (text as VersionKeyword) : Number(text);
}

/**
 * The version number a reference names in this story. A number is returned as is (the caller
 * finds out whether the story has it); a keyword with nothing to name is a 422 naming `field`.
 */
export function resolveVersionReference(reference: VersionReference, marks: StoryVersionMarks, field: string): number {
  if (typeof reference === 'number') return reference;
  if (reference === 'latest') return marks.latest;
  const index = reference === 'latest-published' ? 0 : 1;
  const version = marks.latestPublished[index];
  if (version === undefined) throw noPublishedVersion(field, reference, marks.latestPublished.length);
  return version;
}
