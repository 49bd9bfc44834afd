import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { diffDocuments, StoryDiff } from '../../document';
import { DiffStoryVersions } from './diff-story-versions.query';
import { diffVersionsReversed, storyVersionsNotFound, versionNotFound } from './story-versions.errors';
import { StoryVersionsReader } from './story-versions.reader';
import { resolveVersionReference } from './version-reference';

/**
 * Two queries (the story's version marks, then both ends: each one's nearest snapshot and the few
 * version rows after it, re-folded) and an in-memory diff: the event store is never read, however
 * many versions the story has. `from` after `to` is refused with 422
 * `diff_versions_reversed` rather than swapped, so an insertion never silently reads as a deletion.
 */
@QueryHandler(DiffStoryVersions)
export class DiffStoryVersionsHandler implements IQueryHandler<DiffStoryVersions> {
  constructor(private readonly reader: StoryVersionsReader) {}

  async execute({ storyId, from, to }: DiffStoryVersions): Promise<StoryDiff> {
    const marks = await this.reader.marks(storyId);
    if (marks === null) throw storyVersionsNotFound(storyId);
    const fromVersion = resolveVersionReference(from, marks, 'from');
    const toVersion = resolveVersionReference(to, marks, 'to');
    if (fromVersion > toVersion) throw diffVersionsReversed(fromVersion, toVersion);
    const documents = await this.reader.documentsAt(storyId, [fromVersion, toVersion]);
    const fromDocument = documents.get(fromVersion);
    const toDocument = documents.get(toVersion);
    if (fromDocument === undefined) throw versionNotFound(storyId, fromVersion, marks.latest);
    if (toDocument === undefined) throw versionNotFound(storyId, toVersion, marks.latest);
    return diffDocuments(fromDocument, toDocument);
  }
}
