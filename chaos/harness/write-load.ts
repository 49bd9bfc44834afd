import { casualtyReportBody } from '../../bench/harness/story-bodies';

/** A write the service acknowledged with 201: it must be in the store, whatever happens next. */
export interface AcknowledgedWrite {
  storyId: string;
  eventId: string;
  version: number;
  position: number;
}

export interface WriteLoadOutcome {
  acknowledged: AcknowledgedWrite[];
  /** Answers by status (`refused` when no HTTP answer came: the service was down or cut off). */
  statuses: Record<string, number>;
}

/**
 * `connections` loops of `POST /stories/:id/casualty-reports`, each waiting for its answer before
 * the next, until `stop` resolves or `maxMs` passes. Every 201 is recorded.
 */
export async function runWriteLoad(options: {
  baseUrl: string;
  reporterKey: string;
  storyIds: readonly string[];
  connections: number;
  maxMs: number;
  stop?: Promise<void>;
}): Promise<WriteLoadOutcome> {
  const outcome: WriteLoadOutcome = { acknowledged: [], statuses: {} };
  let stopped = false;
  const deadline = Date.now() + options.maxMs;
  void options.stop?.then(() => (stopped = true));
  let counter = 0;
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (!stopped && Date.now() < deadline) {
        const storyId = options.storyIds[counter++ % options.storyIds.length];
        let status: string;
        try {
          const response = await fetch(`${options.baseUrl}/stories/${storyId}/casualty-reports`, {
            method: 'POST',
            headers: { authorization: `Bearer ${options.reporterKey}`, 'content-type': 'application/json' },
            body: JSON.stringify(casualtyReportBody(counter)),
            signal: AbortSignal.timeout(10_000),
          });
          status = String(response.status);
          const body = await response.json().catch(() => undefined);
          if (response.status === 201) outcome.acknowledged.push(body as AcknowledgedWrite);
        } catch {
          status = 'refused';
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        outcome.statuses[status] = (outcome.statuses[status] ?? 0) + 1;
      }
    }),
  );
  return outcome;
}
