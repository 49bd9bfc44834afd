import { ApiClient } from './api-client';
import { BenchContext } from './bench-context';
import { createScratchDatabase } from './bench-database';
import { ServiceProcess } from './service-process';

/**
 * How the service is deployed for a measurement: `one-process` is the default (the API and the
 * projection runner in one service); `separate-projector` runs the projections in a second service
 * process and the one the load talks to with them off (README: for write-heavy desks);
 * `no-projections` runs none at all, to measure the write path by itself; `two-workers` is one
 * service with `NEWSDESK_WORKERS=2` (two processes on one port, projections in whichever holds their
 * locks).
 */
export type Deployment = 'one-process' | 'separate-projector' | 'no-projections' | 'two-workers';

/** Words for a row's metric: which deployment it was measured on. */
export function deploymentLabel(deployment: Deployment): string {
  return {
    'one-process': 'one process',
    'separate-projector': 'projections in a process of their own',
    'no-projections': 'no projections running',
    'two-workers': 'two workers',
  }[deployment];
}

/**
 * Runs `work` against a service on a database of its own, so a scenario is not measured behind
 * the backlog other scenarios left for the projections (their runner applies far slower than
 * the API appends; see BENCHMARKS.md).
 */
export async function withOwnService<T>(
  context: BenchContext,
  work: (own: BenchContext) => Promise<T>,
  deployment: Deployment = 'one-process',
): Promise<T> {
  const database = await createScratchDatabase('newsdesk_bench');
  let service: ServiceProcess | undefined;
  let projector: ServiceProcess | undefined;
  try {
    const start = (projections: 'on' | 'off', workers = 1) =>
      ServiceProcess.start({
        databaseUrl: database.url,
        apiKeys: context.keys.variable,
        nodeFlags: context.serviceNodeFlags,
        env: { NEWSDESK_PROJECTIONS: projections, NEWSDESK_WORKERS: String(workers) },
      });
    if (deployment === 'separate-projector') projector = await start('on');
    service = await start(deployment === 'one-process' || deployment === 'two-workers' ? 'on' : 'off', deployment === 'two-workers' ? 2 : 1);
    return await work({
      ...context,
      database,
      service,
      projector,
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
