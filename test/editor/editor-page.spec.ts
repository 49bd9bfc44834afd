import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { appendStory } from '../versions/support/append-story';
import { harmanliTimeline } from '../versions/support/harmanli-story';
import { startVersionsTestApp, VersionsTestApp } from '../versions/support/versions-test-app';

// The one place this suite gets the running service and its keys: switch to createTestApp() when src/auth lands.
const startApp = (): Promise<VersionsTestApp> => startVersionsTestApp();

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it). Never a browser Playwright downloads. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LAUNCH_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
/** Always written (and ignored by git); the README's copy under docs/ only with UPDATE_SCREENSHOTS=true or when missing. */
const ARTIFACT = join(process.cwd(), 'test', 'artifacts', 'editor-diff.png');
const README_SCREENSHOT = join(process.cwd(), 'docs', 'editor-diff.png');

const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser) {
  process.stderr.write(`\n*** SKIPPED the editor page browser test: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH) ***\n\n`);
}
const describeInBrowser = haveBrowser ? describe : (name: string, fn: jest.EmptyFunction) => describe.skip(`${name} [SKIPPED: no Chromium at ${CHROMIUM}]`, fn);

describeInBrowser('the editor page in a real browser', () => {
  let service: VersionsTestApp;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const { storyId, events } = harmanliTimeline();
  const authorizations: string[] = [];
  /** The test code has no DOM types: page code is passed as text. */
  const focusedId = () => page.evaluate('document.activeElement ? document.activeElement.id : null');

  beforeAll(async () => {
    service = await startApp();
    await appendStory(service.app, storyId, events);

    userDataDir = mkdtempSync(join(tmpdir(), 'newsdesk-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS, viewport: { width: 1280, height: 900 } });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (request) => {
      if (request.url().includes('/stories/')) authorizations.push(request.headers().authorization ?? '');
    });
  });
  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await service?.close();
  });

  it('opens a story by keyboard alone and shows the last two publications diffed, insertions and deletions marked', async () => {
    await page.goto(`${service.baseUrl}/editor`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.className')).toBe('skip-link');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('api-key');
    await page.keyboard.type(service.key('editor'));
    await page.keyboard.press('Enter');
    expect(await focusedId()).toBe('story-id');
    await page.keyboard.type(storyId);
    await page.keyboard.press('Enter');

    await page.locator('#diff').waitFor({ state: 'visible' });
    expect(await page.locator('#from-version').inputValue()).toBe('3');
    expect(await page.locator('#to-version').inputValue()).toBe('11');
    expect(await focusedId()).toBe('diff');

    expect(await page.locator('#diff-headline del').allTextContents()).toEqual(['Soldiers']);
    expect((await page.locator('#diff-headline ins').allTextContents()).join('')).toMatch(/22/);
    expect(await page.locator('#diff-headline').textContent()).toBe('Soldiers22 soldiers killed in strike on Harmanlı border outpost');
    expect((await page.locator('#diff-body ins').allTextContents()).join('')).toMatch(/killing 22 soldiers/);
    expect(await page.locator('#diff-body del').count()).toBe(0);

    const rows = page.locator('#tallies tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).locator('th').textContent()).toBe('Karsan militia fighters');
    expect(await rows.nth(0).locator('td').nth(1).textContent()).toBe('none');
    expect(await rows.nth(0).locator('td').nth(2).textContent()).toMatch(/^more than 200 claimed, per Ministry of Defence/);
    expect(await rows.nth(1).locator('td').nth(1).textContent()).toMatch(/^9 confirmed/);
    expect(await rows.nth(1).locator('td').nth(2).textContent()).toMatch(/^at least 22 confirmed/);
    expect(await page.locator('#statements ins').allTextContents()).toEqual(['"The positions that fired on the outpost were destroyed."']);
    expect(await page.locator('#notices li').count()).toBe(2);
    expect(await page.locator('#version-list .badge-published').count()).toBe(2);

    mkdirSync(dirname(ARTIFACT), { recursive: true });
    await page.screenshot({ path: ARTIFACT, fullPage: true });
    if (process.env.UPDATE_SCREENSHOTS === 'true' || !existsSync(README_SCREENSHOT)) {
      mkdirSync(dirname(README_SCREENSHOT), { recursive: true });
      await page.screenshot({ path: README_SCREENSHOT, fullPage: true });
    }
    expect(existsSync(ARTIFACT)).toBe(true);
  });

  it('compares two other versions picked in the lists, and keeps the key in this tab only', async () => {
    await page.locator('#from-version').selectOption('8');
    await page.locator('#to-version').selectOption('9');
    await page.getByRole('button', { name: 'Show the changes' }).click();
    await page.locator('#diff-heading', { hasText: 'from version 8 to version 9' }).waitFor();

    expect(await page.locator('#statements del').allTextContents()).toEqual(['"We heard the first shells at half past six."']);
    expect(await page.locator('#tallies-empty').isVisible()).toBe(true);
    expect(await page.locator('#notices li').allTextContents()).toEqual([expect.stringMatching(/^Retraction: A quote attributed to the mayor/)]);
    expect(await page.locator('#diff-headline ins, #diff-headline del').count()).toBe(0);
    expect(new URL(page.url()).search).toBe(`?story=${storyId}&from=8&to=9`);

    expect(await page.evaluate("[sessionStorage.getItem('newsdesk.editor.key'), localStorage.length]")).toEqual([service.key('editor'), 0]);
    expect(authorizations.length).toBeGreaterThan(0);
    expect(new Set(authorizations)).toEqual(new Set([`Bearer ${service.key('editor')}`]));
  });

  it('says why when the versions come in the wrong order', async () => {
    await page.locator('#from-version').selectOption('11');
    await page.locator('#to-version').selectOption('3');
    await page.getByRole('button', { name: 'Show the changes' }).click();
    await page.locator('#error', { hasText: 'Could not compare' }).waitFor();
    expect(await page.locator('#error').textContent()).toMatch(/HTTP 422/);
  });

  it('prints the changes without the controls', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('.controls').isVisible()).toBe(false);
      expect(await page.locator('#diff').isVisible()).toBe(true);
      expect(await page.locator('#diff-headline').isVisible()).toBe(true);
      // Marks that survive a black-and-white printer: underline and strike-through, not colour.
      expect(await page.evaluate("getComputedStyle(document.querySelector('#statements del')).textDecorationLine")).toBe('line-through');
      expect(await page.evaluate("getComputedStyle(document.querySelector('del')).color")).toBe('rgb(0, 0, 0)');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});
