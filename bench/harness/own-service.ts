import { ApiClient } from './api-client';
import { BenchContext } from './bench-context';
import { createScratchDatabase } from './bench-database';
import { ServiceProcess } from './service-process';

/** How the service is deployed for a measurement. */
export interface Topology {
  /**
   * The projections run in a second service process (`NEWSDESK_PROJECTIONS=on`) and the one the
   * load talks to has them off — the deployment README.md describes for write-heavy desks.
   * Otherwise one process does both (the default deployment).
   */
  separateProjector: boolean;
}

/** Words for a row's metric: which topology it was measured on. */
export function topologyLabel(topology: Topology): string {
  return topology.separateProjector ? 'projections in a process of their own' : 'one process';
}

/**
 * Runs `work` against a service on a database of its own, so a scenario is not measured behind
 * the backlog other scenarios left for the projections (their runner applies far slower than
 * the API appends; see BENCHMARKS.md).
 */
export async function withOwnService<T>(
  context: BenchContext,
  work: (own: BenchContext) => Promise<T>,
  topology: Topology = { separateProjector: false },
): Promise<T> {
  const database = await createScratchDatabase('newsdesk_bench');
  let service: ServiceProcess | undefined;
  let projector: ServiceProcess | undefined;
  try {
    const start = (projections: 'on' | 'off') =>
      ServiceProcess.start({ databaseUrl: database.url, apiKeys: context.keys.variable, nodeFlags: context.serviceNodeFlags, env: { NEWSDESK_PROJECTIONS: projections } });
    if (topology.separateProjector) projector = await start('on');
    service = await start(topology.separateProjector ? 'off' : 'on');
    return await work({
      ...context,
      database,
      service,
      reporter: new ApiClient(service.url, context.keys.reporter),
      editor: new ApiClient(service.url, context.keys.editor),
      consumer: new ApiClient(service.url, context.keys.consumer),
    });
  } finally {
    await service?.stop();
    await projector?.stop();
    await database.drop();
  }
}
