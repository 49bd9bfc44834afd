import { DomainError } from '../../../errors/domain-error';
import { parseVersionReference, resolveVersionReference, VERSION_REFERENCE_PATTERN } from './version-reference';

describe('version references', () => {
  const marks = { latest: 14, latestPublished: [14, 6] };

  it.each(['1', '14', '999999999', 'latest', 'latest-published', 'previous-published'])('accepts %s', (text) => {
    expect(VERSION_REFERENCE_PATTERN.test(text)).toBe(true);
  });

  it.each(['0', '01', '-1', '1.5', '1e3', ' 7', '1000000000', 'Latest', 'previous', 'latest-published '])('refuses %j', (text) => {
    expect(VERSION_REFERENCE_PATTERN.test(text)).toBe(false);
  });

  it('resolves numbers as themselves and keywords against the story', () => {
    const resolve = (text: string) => resolveVersionReference(parseVersionReference(text), marks, 'from');
    expect(['7', 'latest', 'latest-published', 'previous-published'].map(resolve)).toEqual([7, 14, 14, 6]);
    expect(resolveVersionReference('latest-published', { latest: 20, latestPublished: [14, 6] }, 'to')).toBe(14);
  });

  it('refuses a published keyword with nothing to name, naming the field', () => {
    const thrown = (run: () => unknown): DomainError => {
      try {
        run();
      } catch (error) {
        return error as DomainError;
      }
      throw new Error('nothing thrown');
    };
    const none = thrown(() => resolveVersionReference('latest-published', { latest: 3, latestPublished: [] }, 'to'));
    expect(none).toMatchObject({ code: 'no_published_version', kind: 'rule_violated', details: { field: 'to', keyword: 'latest-published', publishedVersions: 0 } });
    const one = thrown(() => resolveVersionReference('previous-published', { latest: 3, latestPublished: [2] }, 'from'));
    expect(one).toMatchObject({ code: 'no_published_version', details: { field: 'from', publishedVersions: 1 } });
    expect(one.message).toMatch(/only one version has been published/);
  });
});
