import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../errors/domain-error';
import { EventStore } from '../../event-store/event-store';
import { WrongExpectedVersionError } from '../../event-store/event-store.errors';
import { EventMetadata } from '../../event-store/event-store.types';
import { CLOCK, Clock } from '../../system/clock';
import { ID_GENERATOR, IdGenerator } from '../../system/id-generator';
import { asRecordedStoryEvent, evolve, initialStoryState, openStory, StoryState } from '../story';
import type { OpenStory as OpenStoryInput } from '../story.commands';
import { duplicateSlug, storyNotFound } from '../story.errors';
import { RecordedStoryEvent, STORY_EVENT_SCHEMA_VERSIONS, StoryEventData, storyIdFromStreamId, storyStreamId } from '../story.events';
import { StoryStateCache } from './story-state-cache';
import { WriteContext, WriteResult } from './write-context';

/** A decide function of `story.ts`, bound to its command. */
export type StoryDecision = (state: StoryState, now: Date) => StoryEventData;

/**
 * Runs one write: load the story's state, decide, append with the version read as the expected
 * version. A lost race is retried once from a fresh read (the other writer's event may make the
 * decision different), then answered 409; with `If-Match` the client's version is the
 * precondition, so any mismatch answers 412 naming the current version.
 */
@Injectable()
export class StoryWriter {
  private readonly cache = new StoryStateCache(1_000);

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** Opens a new story, claiming its slug in the same transaction as the append. */
  async open(input: Omit<OpenStoryInput, 'storyId'>, context: WriteContext): Promise<WriteResult> {
    const earlier = await this.alreadyWritten(context);
    if (earlier !== undefined) return earlier;
    const storyId = this.ids.uuid();
    const event = openStory(initialStoryState(), { ...input, storyId }, this.clock.now());
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    await queryRunner.startTransaction();
    try {
      const claimed = await queryRunner.query(
        'INSERT INTO story_slugs (slug, story_id) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING RETURNING story_id',
        [input.slug, storyId],
      );
      if (claimed.length === 0) {
        const [owner] = await queryRunner.query('SELECT story_id FROM story_slugs WHERE slug = $1', [input.slug]);
        throw duplicateSlug(input.slug, owner?.story_id);
      }
      const result = await this.append(storyId, 'no_stream', event, context, queryRunner);
      await queryRunner.commitTransaction();
      this.remember(storyId, initialStoryState(), event, result);
      return result;
    } catch (error) {
      await queryRunner.rollbackTransaction();
      throw error;
    } finally {
      await queryRunner.release();
    }
  }

  /**
   * Applies `decide` to the story's current state and appends the event it returns.
   *
   * A story this process wrote recently is decided on its cached state without reading the
   * stream: the append's expected version is the check (the store refuses it if anyone wrote
   * since), so the common write is one round trip. Only a state read fresh from the stream may
   * answer 404, 412 or a rule's 422: a cached one that disagrees is refreshed and decided again.
   */
  async write(storyId: string, decide: StoryDecision, context: WriteContext): Promise<WriteResult> {
    const earlier = await this.alreadyWritten(context);
    if (earlier !== undefined) return earlier;
    const cached = this.cache.get(storyId);
    let state = cached ?? (await this.load(storyId));
    let fresh = cached === undefined;
    for (let lostRaces = 0; ; ) {
      const refuse = refusal(storyId, state, context);
      let event: StoryEventData | undefined;
      if (refuse === undefined) {
        try {
          event = decide(state, this.clock.now());
        } catch (error) {
          if (fresh || !(error instanceof DomainError)) throw error;
        }
      }
      if (refuse !== undefined || event === undefined) {
        if (fresh) throw refuse;
        state = await this.load(storyId);
        fresh = true;
        continue;
      }
      try {
        const result = await this.append(storyId, state.version, event, context);
        this.remember(storyId, state, event, result);
        return result;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        // A stale cache entry is not a lost race: refresh and decide again.
        if (fresh && context.expectedVersion !== undefined) throw versionMismatch(storyId, context.expectedVersion, error.actualVersion);
        if (fresh && ++lostRaces >= 2) {
          throw new DomainError('concurrent_write', `Story ${storyId} kept changing while this write was decided; try again.`, 'conflict', {
            currentVersion: error.actualVersion,
          });
        }
        state = await this.load(storyId);
        fresh = true;
      }
    }
  }

  /**
   * The result of this very request's earlier run, when it may have stored its event (the id its
   * `Idempotency-Key` claim derives) and did: a retry whose first answer was lost answers with what
   * was written then, rather than deciding again on a story that already holds it.
   */
  private async alreadyWritten(context: WriteContext): Promise<WriteResult | undefined> {
    if (!context.keyed?.mayBeStored) return undefined;
    const event = await this.store.readEvent(context.keyed.eventId);
    const storyId = event && storyIdFromStreamId(event.streamId);
    if (!event || storyId === null || storyId === undefined) return undefined;
    return { storyId, eventId: event.eventId, version: event.version, position: event.position };
  }

  private async load(storyId: string): Promise<StoryState> {
    const cached = this.cache.get(storyId);
    const newer = await this.store.readStream(storyStreamId(storyId), { fromVersion: (cached?.version ?? 0) + 1 });
    if (newer.length === 0) return cached ?? initialStoryState();
    const state = newer.reduce((folded, event) => evolve(folded, asRecordedStoryEvent(event)), cached ?? initialStoryState());
    this.cache.set(storyId, state);
    return state;
  }

  /** The state after our own committed append, so the next write on this story needs no read. */
  private remember(storyId: string, state: StoryState, event: StoryEventData, result: WriteResult): void {
    const current = this.cache.get(storyId);
    if (current !== undefined && current.version >= result.version) return;
    this.cache.set(storyId, evolve(state, { ...event, eventId: result.eventId, version: result.version } as RecordedStoryEvent));
  }

  private async append(
    storyId: string,
    expectedVersion: number | 'no_stream',
    event: StoryEventData,
    context: WriteContext,
    queryRunner?: Parameters<EventStore['appendToStream']>[2]['queryRunner'],
  ): Promise<WriteResult> {
    const eventId = context.keyed?.eventId ?? this.ids.uuid();
    const metadata: EventMetadata = {
      actorId: context.principal.name,
      actorRole: context.principal.role,
      requestId: context.requestId,
      correlationId: context.correlationId,
      causationId: null,
    };
    const result = await this.store.appendToStream(
      storyStreamId(storyId),
      [{ eventId, type: event.type, schemaVersion: STORY_EVENT_SCHEMA_VERSIONS[event.type], data: event.data, metadata }],
      { expectedVersion, queryRunner },
    );
    return { storyId, eventId, version: result.nextExpectedVersion, position: result.positions[0] };
  }
}

/** Why the write may not be decided on `state` at all (absent story, If-Match mismatch), if it may not. */
function refusal(storyId: string, state: StoryState, context: WriteContext): DomainError | undefined {
  if (!state.exists) return storyNotFound(storyId);
  if (context.expectedVersion !== undefined && context.expectedVersion !== state.version) return versionMismatch(storyId, context.expectedVersion, state.version);
  return undefined;
}

function versionMismatch(storyId: string, expected: number, current: number): DomainError {
  return new DomainError('version_mismatch', `Story ${storyId} is at version ${current}, not ${expected} as If-Match says.`, 'precondition_failed', {
    currentVersion: current,
  });
}
