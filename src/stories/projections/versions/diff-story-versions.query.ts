import { Query } from '@nestjs/cqrs';
import type { StoryDiff } from '../../document';
import type { VersionReference } from './version-reference';

/** What changed from one version of a story to a later one (or the same one). */
export class DiffStoryVersions extends Query<StoryDiff> {
  constructor(
    readonly storyId: string,
    readonly from: VersionReference,
    readonly to: VersionReference,
  ) {
    super();
  }
}
