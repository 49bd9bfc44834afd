import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../src/app.factory';
import { loadAppConfig } from '../src/config/app-config';
import { demoStory } from './demo-story';

/**
 * `npm run demo`: replays a breaking story through the HTTP API and prints where to look at it.
 *
 * Against NEWSDESK_URL (default http://127.0.0.1:3000) with NEWSDESK_KEY, an editor key of that
 * server. When nothing answers on a loopback URL, it starts the service itself (embedded
 * PostgreSQL unless DATABASE_URL is set) with a fresh demo editor key, and keeps serving until Ctrl-C.
 */

interface WriteAnswer {
  storyId: string;
  eventId: string;
  version: number;
  position: number;
}

const baseUrl = (process.env.NEWSDESK_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');

async function main(): Promise<void> {
  let key = process.env.NEWSDESK_KEY ?? '';
  let ownServer: INestApplication | null = null;
  if (!(await answers(baseUrl))) {
    const url = new URL(baseUrl);
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error(`No Newsdesk answers at ${baseUrl}`);
    key ||= `nd_demo_${randomBytes(24).toString('hex')}`;
    log(`Nothing answers at ${baseUrl}: starting the service here${process.env.DATABASE_URL ? '' : ' (embedded PostgreSQL)'}…`);
    ownServer = await startService(url, key);
  } else if (!key) {
    throw new Error(`Set NEWSDESK_KEY to an editor key of ${baseUrl} (npm run apikey:create -- --role editor --name demo)`);
  }

  const eventIds = new Map<string, string>();
  let story: WriteAnswer | null = null;
  for (const step of demoStory(new Date().toISOString().slice(0, 19).replace(/[-:T]/g, ''))) {
    story = await post(step.path(story?.storyId ?? ''), step.body(eventIds), key);
    if (step.name) eventIds.set(step.name, story.eventId);
    log(`  v${story.version}  ${step.say}`);
  }
  if (story === null) throw new Error('The demo story has no steps');

  const diffPath = `/stories/${story.storyId}/diff?from=previous-published&to=latest-published`;
  const diff = await read(`${diffPath}&minPosition=${story.position}`, key);
  printSummary(story.storyId, diff, key, ownServer !== null);
  if (ownServer) {
    log('\nServing until Ctrl-C.');
    await new Promise<void>((resolve) => process.once('SIGINT', resolve));
    await ownServer.close();
  }
}

async function startService(url: URL, key: string): Promise<INestApplication> {
  const existing = process.env.NEWSDESK_API_KEYS;
  const demoKey = `editor:demo-editor:${key}`;
  const config = loadAppConfig({ ...process.env, HOST: url.hostname.replace(/^\[|\]$/g, ''), PORT: url.port || '80', NEWSDESK_API_KEYS: existing ? `${existing},${demoKey}` : demoKey });
  const app = await createApp(config, { logger: false });
  await app.listen(config.port, config.host);
  return app;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) })).status < 500;
  } catch {
    return false;
  }
}

async function post(path: string, body: object, key: string): Promise<WriteAnswer> {
  const response = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as WriteAnswer;
}

/** A read of a projection, retried while it has not reached the demo's last write (503). */
async function read(path: string, key: string): Promise<DiffAnswer> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(baseUrl + path, { headers: { Authorization: `Bearer ${key}` } });
    if (response.ok) return (await response.json()) as DiffAnswer;
    if (response.status !== 503 || attempt === 10) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  }
}

interface DiffAnswer {
  from: number;
  to: number;
  text: { headline: { op: string; text: string }[] };
  tallies: { party: string; category: string; before: TallyAnswer | null; after: TallyAnswer | null }[];
}

interface TallyAnswer {
  current: { figure: { min: number; max?: number; wording?: string } } | null;
}

function printSummary(storyId: string, diff: DiffAnswer, key: string, ownServer: boolean): void {
  const marked = diff.text.headline.map((run) => (run.op === 'insert' ? `{+${run.text}+}` : run.op === 'delete' ? `[-${run.text}-]` : run.text)).join('');
  log(`\nThe last two publications, version ${diff.from} → ${diff.to}:`);
  log(`  headline: ${marked}`);
  for (const tally of diff.tallies) {
    const [before, after] = [figure(tally.before), figure(tally.after)];
    log(`  ${tally.party} ${tally.category}: ${before === after ? `${after} (same figure; its sources or history changed)` : `${before} → ${after}`}`);
  }
  const story = `${baseUrl}/stories/${storyId}`;
  log('\nRead it (Authorization: Bearer <key>):');
  log(`  story     ${story}`);
  log(`  tallies   ${story}/casualties`);
  log(`  versions  ${story}/versions`);
  log(`  diff      ${baseUrl}/stories/${storyId}/diff?from=previous-published&to=latest-published`);
  log(`\nThe editor page, on the last diff (paste the key into it):\n  ${baseUrl}/editor?story=${storyId}&from=previous-published&to=latest-published`);
  if (ownServer) log(`\nThis server's demo editor key: ${key}`);
}

function figure(tally: TallyAnswer | null): string {
  const current = tally?.current?.figure;
  if (!current) return 'none';
  if (current.wording) return current.wording;
  if (current.max === undefined) return `at least ${current.min}`;
  return current.max === current.min ? String(current.min) : `${current.min}-${current.max}`;
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`demo: ${error.message}\n`);
  process.exit(1);
});
