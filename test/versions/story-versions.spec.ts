import { randomUUID } from 'node:crypto';
import type { StoryDiff, StoryDocument, TextRun } from '../../src/stories/document';
import { appendStory } from './support/append-story';
import { harmanliTimeline } from './support/harmanli-story';
import { startVersionsTestApp, VersionsTestApp } from './support/versions-test-app';

// The one place this suite gets its HTTP client and keys: switch to createTestApp() when src/auth lands.
const startApp = (): Promise<VersionsTestApp> => startVersionsTestApp();

const sideOf = (runs: TextRun[], skipped: 'insert' | 'delete') => runs.filter((run) => run.op !== skipped).map((run) => run.text).join('');

describe('story versions over HTTP', () => {
  let service: VersionsTestApp;

  beforeAll(async () => {
    service = await startApp();
  });
  afterAll(() => service.close());

  /** A GET as a consumer (the role every read needs). */
  const get = (path: string) => service.http.get(path).set(service.headers('consumer'));

  describe('a story of eleven versions, published at 3 and 11', () => {
    const { storyId, events } = harmanliTimeline();
    let lastPosition: number;

    beforeAll(async () => {
      lastPosition = await appendStory(service.app, storyId, events);
    });

    it('serves the current document with its version as ETag, once the projection has reached the write', async () => {
      const response = await get(`/stories/${storyId}?minPosition=${lastPosition}`).expect(200);
      expect(response.headers.etag).toBe('"11"');
      expect(Number(response.headers['x-projection-position'])).toBeGreaterThanOrEqual(lastPosition);
      const document: StoryDocument = response.body;
      expect(Object.keys(document).sort()).toEqual(
        ['id', 'slug', 'headline', 'dek', 'body', 'dateline', 'desk', 'bylines', 'status', 'version', 'publishedVersion', 'tallies', 'statements', 'notices', 'updatedAt'].sort(),
      );
      expect(document).toMatchObject({ id: storyId, version: 11, status: 'published', publishedVersion: 11, headline: '22 soldiers killed in strike on Harmanlı border outpost' });
      expect(document.tallies.map((tally) => [tally.party, tally.current?.figure])).toEqual([
        ['Karsan militia fighters', { min: 201, wording: 'more than 200' }],
        ['soldiers at the Harmanlı outpost', { min: 22, wording: 'at least 22' }],
      ]);
      expect(document.statements.map((statement) => [statement.speaker.name, statement.retracted])).toEqual([
        ['Derya Okan', true],
        ['Aras Demirel', false],
      ]);
      expect(document.notices.map((notice) => notice.kind)).toEqual(['correction', 'retraction']);
    });

    it('lists every version with its event, actor, summary and whether it was a publication', async () => {
      const response = await get(`/stories/${storyId}/versions`).expect(200);
      expect(response.body.next).toBeNull();
      expect(response.body.items).toHaveLength(11);
      expect(response.body.items[1]).toEqual({
        version: 2,
        eventId: events[1].eventId,
        type: 'CasualtiesReported',
        actor: 'leyla-aksoy',
        recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        summary: 'Casualties reported: soldiers at the Harmanlı outpost killed 9, per Kemal Ertan (via Eastgate News Agency)',
        published: false,
      });
      expect(response.body.items.filter((item: { published: boolean }) => item.published).map((item: { version: number }) => item.version)).toEqual([3, 11]);
      expect(response.headers['x-projection-position']).toMatch(/^\d+$/);
    });

    it('filters publications with ?published=true and pages with after/limit and next', async () => {
      const published = await get(`/stories/${storyId}/versions?published=true`).expect(200);
      expect(published.body.items.map((item: { version: number; actor: string }) => [item.version, item.actor])).toEqual([
        [3, 'tom-brandt'],
        [11, 'tom-brandt'],
      ]);

      const versions: number[] = [];
      let after: number | null = 0;
      while (after !== null) {
        const page: { body: { items: { version: number }[]; next: number | null } } = await get(`/stories/${storyId}/versions?after=${after}&limit=4`).expect(200);
        versions.push(...page.body.items.map((item) => item.version));
        after = page.body.next;
      }
      expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    });

    it('serves the document as it stood at any version, and 404 past the end', async () => {
      const third = await get(`/stories/${storyId}/versions/3`).expect(200);
      expect(third.body).toMatchObject({ version: 3, status: 'published', publishedVersion: 3, headline: 'Soldiers killed in strike on Harmanlı border outpost', statements: [], notices: [] });
      expect(third.body.tallies[0].current.figure).toEqual({ min: 9, max: 9 });

      const past = await get(`/stories/${storyId}/versions/12`).expect(404);
      expect(past.body).toMatchObject({ code: 'version_not_found', latestVersion: 11 });
      await get(`/stories/${storyId}/versions/4294967296`).expect(404);
    });

    it('diffs the last two publications by keyword, the same as by number', async () => {
      const byKeyword = await get(`/stories/${storyId}/diff?from=previous-published&to=latest-published`).expect(200);
      const byNumber = await get(`/stories/${storyId}/diff?from=3&to=11`).expect(200);
      expect(byKeyword.body).toEqual(byNumber.body);

      const diff: StoryDiff = byKeyword.body;
      expect([diff.from, diff.to]).toEqual([3, 11]);
      const [from, to] = await Promise.all([get(`/stories/${storyId}/versions/3`), get(`/stories/${storyId}/versions/11`)]);
      for (const field of ['headline', 'dek', 'body'] as const) {
        expect(sideOf(diff.text[field], 'insert')).toBe(from.body[field] ?? '');
        expect(sideOf(diff.text[field], 'delete')).toBe(to.body[field] ?? '');
      }
      expect(diff.text.headline.filter((run) => run.op === 'delete').map((run) => run.text)).toEqual(['Soldiers']);
      expect(diff.tallies.map((change) => [change.party, change.before?.current?.figure.min ?? null, change.after?.current?.figure.min ?? null])).toEqual([
        ['Karsan militia fighters', null, 201],
        ['soldiers at the Harmanlı outpost', 9, 22],
      ]);
      expect(diff.statements.added.map((statement) => statement.speaker.name)).toEqual(['Aras Demirel']);
      expect(diff.notices.added).toHaveLength(2);
    });

    it('diffs a version with itself as all equal, and `latest` names the last version', async () => {
      const diff = await get(`/stories/${storyId}/diff?from=latest&to=11`).expect(200);
      expect(diff.body.from).toBe(11);
      expect(diff.body.text.headline).toEqual([{ op: 'equal', text: '22 soldiers killed in strike on Harmanlı border outpost' }]);
      expect(diff.body.tallies).toEqual([]);
    });

    it('refuses a reversed pair with 422 rather than swapping it', async () => {
      const response = await get(`/stories/${storyId}/diff?from=latest-published&to=previous-published`).expect(422);
      expect(response.body).toMatchObject({ code: 'diff_versions_reversed', from: 11, to: 3 });
    });

    it('answers 404 for a version the story does not have', async () => {
      const response = await get(`/stories/${storyId}/diff?from=1&to=12`).expect(404);
      expect(response.body).toMatchObject({ code: 'version_not_found', version: 12 });
    });
  });

  describe('a draft never published', () => {
    const { storyId, events } = harmanliTimeline();
    const draft = events.slice(0, 2);

    beforeAll(async () => {
      await appendStory(service.app, storyId, draft);
    });

    it('is a draft with no published version', async () => {
      const response = await get(`/stories/${storyId}`).expect(200);
      expect(response.body).toMatchObject({ status: 'draft', publishedVersion: null, version: 2 });
      expect(response.headers.etag).toBe('"2"');
      expect((await get(`/stories/${storyId}/versions?published=true`).expect(200)).body).toEqual({ items: [], next: null });
    });

    it('answers 422 naming the keyword when nothing was published', async () => {
      const latest = await get(`/stories/${storyId}/diff?from=1&to=latest-published`).expect(422);
      expect(latest.body).toMatchObject({ code: 'no_published_version', field: 'to', keyword: 'latest-published', publishedVersions: 0 });
      const previous = await get(`/stories/${storyId}/diff?from=previous-published&to=latest`).expect(422);
      expect(previous.body).toMatchObject({ code: 'no_published_version', field: 'from' });
    });
  });

  describe('requests that cannot be answered', () => {
    const unknown = randomUUID();

    it.each([`/stories/${unknown}`, `/stories/${unknown}/versions`, `/stories/${unknown}/versions/1`, `/stories/${unknown}/diff?from=1&to=2`])(
      'answers 404 story_not_found for an unknown story: %s',
      async (path) => {
        const response = await get(path).expect(404);
        expect(response.body).toMatchObject({ code: 'story_not_found' });
      },
    );

    it.each([
      ['/stories/not-a-uuid'],
      ['/stories/not-a-uuid/versions'],
      [`/stories/${unknown}/versions/abc`],
      [`/stories/${unknown}/versions/1.5`],
      [`/stories/${unknown}/versions/0`],
      [`/stories/${unknown}/versions/1e3`],
      [`/stories/${unknown}/versions?limit=0`],
      [`/stories/${unknown}/versions?limit=1001`],
      [`/stories/${unknown}/versions?after=-1`],
      [`/stories/${unknown}/versions?after=99999999999`],
      [`/stories/${unknown}/versions?published=yes`],
      [`/stories/${unknown}/versions?colour=red`],
      [`/stories/${unknown}/diff?from=1`],
      [`/stories/${unknown}/diff?from=first&to=2`],
      [`/stories/${unknown}/diff?from=0&to=2`],
      [`/stories/${unknown}/diff?from=1&to=2&to=3`],
    ])('answers 400 for %s', async (path) => {
      const response = await get(path).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    });
  });
});
