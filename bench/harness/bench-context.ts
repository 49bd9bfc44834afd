import { ApiClient } from './api-client';
import { BenchKeys } from './bench-keys';
import { ScratchDatabase } from './bench-database';
import { BenchRow } from './bench-report';
import { ServiceProcess } from './service-process';

/** Sizes of a run; `--quick` shrinks them for a smoke test of the harness itself. */
export interface BenchSizes {
  /** Seconds of each measured load run. */
  loadSeconds: number;
  /** Measured runs per figure (after one warm-up). */
  runs: number;
  /** Events seeded for the rebuild scenario (`--events N`). */
  rebuildEvents: number;
  /** Events in the long stream of scenario 3. */
  longStreamEvents: number;
  /** Events scenario 9's service catches up on, at each batch size. */
  catchUpEvents: number;
}

/** What every scenario receives: the database, the running service and keys for each role. */
export interface BenchContext {
  database: ScratchDatabase;
  service: ServiceProcess;
  /** The second service process that runs the projections, in the `separate-projector` deployment. */
  projector?: ServiceProcess;
  keys: BenchKeys;
  reporter: ApiClient;
  consumer: ApiClient;
  editor: ApiClient;
  sizes: BenchSizes;
  /** Node flags for every service process the run starts (`--cpu-prof` and its directory). */
  serviceNodeFlags: string[];
  /** Figures earlier scenarios measured, so later ones can quote ratios (scenario 2 against 1). */
  rows: BenchRow[];
  log(message: string): void;
}

export interface BenchScenario {
  id: number;
  title: string;
  run(context: BenchContext): Promise<BenchRow[]>;
}
