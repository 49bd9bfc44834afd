/** The checkpoint moved since the batch was read (a swap, or another applier): the batch is refused. */
export class StaleCheckpointError extends Error {
  override readonly name = 'StaleCheckpointError';

  /** `actual` is null when the compare-and-set only learnt that the checkpoint moved, not where to. */
  constructor(readonly projection: string, readonly expected: number, readonly actual: number | null) {
    super(`Projection ${projection} is ${actual === null ? 'no longer' : `at position ${actual}, not`} at ${expected}: the batch read after ${expected} is stale`);
  }
}

/** The projection's own code threw while applying events (not the database or the runner). */
export class ProjectionApplyError extends Error {
  override readonly name = 'ProjectionApplyError';

  constructor(readonly projection: string, override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** No projection of that name is registered in this process. */
export class UnknownProjectionError extends Error {
  override readonly name = 'UnknownProjectionError';

  constructor(readonly projection: string, known: readonly string[]) {
    super(`Unknown projection ${JSON.stringify(projection)} (known: ${known.join(', ') || 'none'})`);
  }
}

/** Another rebuild of the same projection is running (in this or another process). */
export class RebuildAlreadyRunningError extends Error {
  override readonly name = 'RebuildAlreadyRunningError';

  constructor(readonly projection: string) {
    super(`A rebuild of projection ${projection} is already running`);
  }
}
