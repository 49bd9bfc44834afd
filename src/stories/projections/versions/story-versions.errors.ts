import { DomainError } from '../../../errors/domain-error';

/**
 * Errors of the version reads. Codes are part of the API: clients branch on them.
 * An unknown story answers the domain's own `story_not_found`.
 */

export function storyVersionsNotFound(storyId: string): DomainError {
  return new DomainError('story_not_found', `No story has the id ${storyId}.`, 'not_found', { storyId });
}

export function versionNotFound(storyId: string, version: number, latestVersion: number): DomainError {
  return new DomainError('version_not_found', `Story ${storyId} has no version ${version}; its latest is ${latestVersion}.`, 'not_found', {
    storyId,
    version,
    latestVersion,
  });
}

/** A keyword such as `latest-published` names no version yet: nothing (or only one version) was published. */
export function noPublishedVersion(field: string, keyword: string, publishedVersions: number): DomainError {
  const found = publishedVersions === 0 ? 'nothing has been published yet' : 'only one version has been published';
  return new DomainError('no_published_version', `${field}=${keyword} names no version: ${found}.`, 'rule_violated', {
    field,
    keyword,
    publishedVersions,
  });
}

/** Diffs read forwards; a reversed pair is refused rather than silently swapped (see the diff route). */
export function diffVersionsReversed(from: number, to: number): DomainError {
  return new DomainError('diff_versions_reversed', `from (version ${from}) comes after to (version ${to}); ask for from=${to}&to=${from}.`, 'rule_violated', {
    from,
    to,
  });
}
