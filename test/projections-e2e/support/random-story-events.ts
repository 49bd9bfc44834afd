import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../src/errors/domain-error';
import { EventStore } from '../../../src/event-store/event-store';
import { CASUALTY_CATEGORIES, STORY_EVENT_SCHEMA_VERSIONS, storyStreamId } from '../../../src/stories/story.events';
import type { CasualtiesReportedData, Figure, Source, StatementRecordedData } from '../../../src/stories/story.events';
import { testMetadata } from '../../support/event-factory';
import { StoryWriter } from './story-writer';

/**
 * Random but lawful histories of a few stories: reports, statements, corrections, retractions,
 * revisions and publications interleaved across stories, with the spellings, ties and open-ended
 * figures the projections must handle. Intents the domain refuses (a correction that changes
 * nothing, a second retraction, a publication with nothing new) are dropped, as the API would refuse them.
 */

const sources: Source[] = [
  { name: 'Selin Arslan', role: 'governor' },
  { name: 'selin  arslan', via: 'Meridian News Agency', channel: 'phone call' },
  { name: 'Colonel Deniz Aydin', organization: 'Ministry of Defence' },
  { name: 'Border Watch', organization: 'Border Watch monitoring group' },
];
const parties = ['border guard soldiers', ' Border  Guard soldiers', 'BORDER GUARD SOLDIERS', 'villagers', 'militia fighters'];
const speakers = [{ name: 'Colonel Deniz Aydin', organization: 'Ministry of Defence' }, { name: 'Selin Arslan' }, { name: 'selin arslan ', role: 'governor' }];

const figure: fc.Arbitrary<Figure> = fc.oneof(
  fc.integer({ min: 0, max: 60 }).map((n) => ({ min: n, max: n })),
  fc.integer({ min: 0, max: 60 }).map((n) => ({ min: n })),
  fc.constant({ min: 24, wording: 'dozens' }),
  fc.constant({ min: 301, wording: 'more than 300' }),
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })).map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) })),
);
// Few distinct times, so ties on asOf are common.
const asOf = fc.integer({ min: 0, max: 8 }).map((step) => new Date(Date.UTC(2025, 10, 6, 18, 0) + step * 15 * 60_000).toISOString());
const story = fc.nat(2);

const report: fc.Arbitrary<CasualtiesReportedData> = fc.record(
  {
    party: fc.constantFrom(...parties),
    category: fc.constantFrom(...CASUALTY_CATEGORIES),
    figure,
    status: fc.constantFrom('confirmed' as const, 'claimed' as const),
    source: fc.constantFrom(...sources),
    asOf,
    location: fc.constantFrom('Tepecik', 'Karaca'),
  },
  { requiredKeys: ['party', 'category', 'figure', 'status', 'source', 'asOf'] },
);
const statement: fc.Arbitrary<StatementRecordedData> = fc.record(
  {
    speaker: fc.constantFrom(...speakers),
    text: fc.constantFrom('Our positions returned fire.', 'Rescue teams reached the post.', 'No civilians were hurt.'),
    mode: fc.constantFrom('quote' as const, 'paraphrase' as const),
    channel: fc.constantFrom('phone call', 'written statement'),
    via: fc.constant('Northline Press'),
  },
  { requiredKeys: ['speaker', 'text', 'mode'] },
);
const reportChanges = fc.oneof(
  figure.map((value) => ({ figure: value })),
  fc.constantFrom(...parties).map((value) => ({ party: value })),
  fc.constantFrom(...CASUALTY_CATEGORIES).map((value) => ({ category: value })),
  asOf.map((value) => ({ asOf: value })),
  fc.constantFrom(...sources).map((value) => ({ source: value })),
  fc.constant({ location: null }),
);
const statementChanges = fc.oneof(
  fc.constantFrom('Every position that fired was answered.', 'Teams are still searching.').map((value) => ({ text: value })),
  fc.constantFrom(...speakers).map((value) => ({ speaker: value })),
  fc.constant({ via: null }),
);

export type StoryIntent =
  | { kind: 'report'; story: number; data: CasualtiesReportedData }
  | { kind: 'statement'; story: number; data: StatementRecordedData }
  | { kind: 'correct'; story: number; target: number; report: Record<string, unknown>; statement: Record<string, unknown> }
  | { kind: 'retract'; story: number; target: number }
  | { kind: 'revise'; story: number; headline: string }
  | { kind: 'publish'; story: number }
  | { kind: 'stray'; data: CasualtiesReportedData };

export const storyIntent: fc.Arbitrary<StoryIntent> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('report' as const), story, data: report }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('statement' as const), story, data: statement }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('correct' as const), story, target: fc.nat(20), report: reportChanges, statement: statementChanges }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('retract' as const), story, target: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('revise' as const), story, headline: fc.constantFrom('Post shelled', 'Toll rises', 'Night of shelling') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('publish' as const), story }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('stray' as const), data: report }) },
);

/** Opens `storyCount` stories and appends what the domain accepts of `intents`, one append per event. */
export async function writeStories(store: EventStore, storyCount: number, intents: readonly StoryIntent[]): Promise<StoryWriter[]> {
  const stories = Array.from({ length: storyCount }, () => new StoryWriter(store));
  for (const [index, writer] of stories.entries()) await writer.open({ desk: index % 2 === 0 ? 'world' : 'region' });
  for (const intent of intents) {
    if (intent.kind === 'stray') {
      // A stream that never had a StoryOpened: the projections must pass it by.
      const event = { eventId: randomUUID(), type: 'CasualtiesReported', schemaVersion: STORY_EVENT_SCHEMA_VERSIONS.CasualtiesReported, data: intent.data, metadata: testMetadata() };
      await store.appendToStream(storyStreamId(randomUUID()), [event], { expectedVersion: 'no_stream' });
      continue;
    }
    const writer = stories[intent.story % storyCount];
    try {
      await writeIntent(writer, intent);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return stories;
}

async function writeIntent(writer: StoryWriter, intent: Exclude<StoryIntent, { kind: 'stray' }>): Promise<unknown> {
  const targets = [...writer.current.developments.values()].filter((development) => development.type === 'CasualtiesReported' || development.type === 'StatementRecorded');
  const target = targets.length === 0 || !('target' in intent) ? undefined : targets[intent.target % targets.length];
  switch (intent.kind) {
    case 'report':
      return writer.report(intent.data);
    case 'statement':
      return writer.recordStatement(intent.data);
    case 'correct':
      if (target === undefined) return;
      return writer.correct({
        targetEventId: target.eventId,
        changes: target.type === 'CasualtiesReported' ? intent.report : intent.statement,
        reason: 'Random correction.',
      });
    case 'retract':
      if (target === undefined) return;
      return writer.retract({ targetEventId: target.eventId, reason: 'Random retraction.' });
    case 'revise':
      return writer.revise({ headline: intent.headline });
    case 'publish':
      return writer.publish();
  }
}
