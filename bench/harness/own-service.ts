import { ApiClient } from './api-client';
import { BenchContext } from './bench-context';
import { createScratchDatabase } from './bench-database';
import { ServiceProcess } from './service-process';

/**
 * Runs `work` against a service on a database of its own, so a scenario is not measured behind
 * the backlog other scenarios left for the projections (their runner applies far slower than
 * the API appends; see BENCHMARKS.md).
 */
export async function withOwnService<T>(context: BenchContext, work: (own: BenchContext) => Promise<T>): Promise<T> {
  const database = await createScratchDatabase('newsdesk_bench');
  let service: ServiceProcess | undefined;
  try {
    service = await ServiceProcess.start({ databaseUrl: database.url, apiKeys: context.keys.variable, nodeFlags: context.serviceNodeFlags });
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
    await database.drop();
  }
}
