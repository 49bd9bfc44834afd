import { runRebuild } from '../../bench/harness/projection-process';
import { differingTables, snapshotProjections } from './projection-snapshot';
import { auditStore } from './store-checks';
import { AcknowledgedWrite } from './write-load';

/** What a fault run ends with, once its service is stopped: the store audited and the projections set against a rebuild. */
export interface AfterFaults {
  events: number;
  tables: number;
  checks: Record<string, boolean>;
}

/**
 * Every acknowledged write stored at its version and position, no event id twice, streams without
 * gaps; then the projection tables as the service left them compared with what
 * `projections:rebuild` makes of the same events. Run with no service on the database.
 */
export async function checkAfterFaults(databaseUrl: string, acknowledged: readonly AcknowledgedWrite[], caughtUp: boolean): Promise<AfterFaults> {
  const incremental = await snapshotProjections(databaseUrl);
  const rebuild = await runRebuild(databaseUrl);
  const rebuilt = await snapshotProjections(databaseUrl);
  const differing = differingTables(incremental, rebuilt);
  const audit = await auditStore(databaseUrl, acknowledged);
  return {
    events: audit.events,
    tables: incremental.size,
    checks: {
      'every acknowledged write is stored at its version and position': audit.missingAcknowledged === 0,
      'no event id twice': audit.duplicateEventIds === 0,
      'every stream is versions 1..n': audit.streamsWithGaps === 0,
      'projections caught up': caughtUp,
      [`rebuild exited 0 (${rebuild.output.trim().slice(-200)})`]: rebuild.code === 0,
      [`projections equal a full rebuild (differ: ${differing.join(', ') || 'none'})`]: differing.length === 0,
      'some writes were acknowledged': acknowledged.length > 0,
    },
  };
}
