import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { StoredEvent } from '../event-store/event-store.types';
import type { ApplierLease } from './applier-session';
import type { Projection } from './projection';
import type { ProjectionBatchApplier } from './projection-batch-applier';
import type { ProjectionCheckpoints } from './projection-checkpoints';
import { ProjectionLoop } from './projection-loop';

const BATCH_SIZE = 4;

/**
 * The loop's timing against a log in memory, on fake timers: which reads happen when. Applying and
 * storing are the batch applier's and the store's (tested on PostgreSQL elsewhere); here a batch
 * is just the list of positions it carried.
 */
class LoopUnderTest {
  readonly log: StoredEvent[] = [];
  readonly batches: number[][] = [];
  readonly loop: ProjectionLoop;

  constructor() {
    const projection: Projection = { name: 'timing', handles: ['Counted'], tables: ['timing'], apply: async () => undefined };
    const batches = {
      applyBatch: async (_projection: Projection, _after: number, events: readonly StoredEvent[]) => {
        this.batches.push(events.map((event) => event.position));
        return events[events.length - 1].position;
      },
    } as unknown as ProjectionBatchApplier;
    const checkpoints = { ensure: async () => undefined, position: async () => 0 } as unknown as ProjectionCheckpoints;
    const lease: ApplierLease = { tryHold: async () => true };
    this.loop = new ProjectionLoop(projection, {
      store: { readAll: async ({ after = 0, limit = Infinity } = {}) => this.log.filter((event) => event.position > after).slice(0, limit) },
      batches,
      checkpoints,
      lease,
      settings: { batchSize: BATCH_SIZE, pollMs: 60_000, retryMaxMs: 1_000, lockRetryMs: 1_000 },
      onCheckpointMoved: () => undefined,
    });
  }

  /** Appends `count` events and, like the NOTIFY after a commit, wakes the loop. */
  append(count: number): void {
    for (let i = 0; i < count; i++) {
      const position = this.log.length + 1;
      this.log.push({ position, eventId: `e${position}`, streamId: 's', version: position, type: 'Counted', data: {}, metadata: {}, recordedAt: new Date(0) } as unknown as StoredEvent);
    }
    this.loop.wake();
  }
}

describe('ProjectionLoop timing', () => {
  let subject: LoopUnderTest | undefined;
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(async () => {
    const stopping = subject?.loop.stop();
    await jest.runOnlyPendingTimersAsync();
    await stopping;
    subject = undefined;
    jest.useRealTimers();
  });

  it('answers the first event after a quiet spell at once: the NOTIFY ends the idle wait', async () => {
    subject = new LoopUnderTest();
    subject.loop.start();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(subject.batches).toEqual([]);
    subject.append(1);
    await jest.advanceTimersByTimeAsync(0);
    expect(subject.batches).toEqual([[1]]);
  });

  it('reads on at once after a full batch: it is catching up', async () => {
    subject = new LoopUnderTest();
    subject.append(BATCH_SIZE * 2 + 1);
    subject.loop.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(subject.batches).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9],
    ]);
  });

  // Lingering after a batch so that the next one gathers more events was measured twice and dropped
  // (BENCHMARKS.md, "NEWSDESK_PROJECTION_LINGER_MS" and its eighth-session retrial): it saved CPU
  // per append but lengthened the projection lag, a target, and did not raise the append rate.
  it('reads again as soon as a batch is applied: a write that arrives meanwhile does not wait', async () => {
    subject = new LoopUnderTest();
    subject.loop.start();
    subject.append(1);
    await jest.advanceTimersByTimeAsync(0);
    subject.append(1);
    await jest.advanceTimersByTimeAsync(0);
    expect(subject.batches).toEqual([[1], [2]]);
  });
});
