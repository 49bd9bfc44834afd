import cluster from 'node:cluster';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { WorkerSupervisor } from './worker-supervisor';

/**
 * The primary process of `NEWSDESK_WORKERS` > 1: it serves nothing itself, it starts the workers
 * (this same entry point, run again by `node:cluster`), keeps their number up and stops them on
 * SIGTERM or SIGINT, then exits. Exits non-zero if they could not start.
 */
export async function runWorkers(config: AppConfig): Promise<void> {
  const logger = new Logger('Workers');
  const supervisor = new WorkerSupervisor({ workers: config.workers, fork: () => cluster.fork(), log: (message) => logger.warn(message) });
  const shutdown = (signal: NodeJS.Signals) => {
    logger.log(`${signal}: stopping ${config.workers} workers`);
    void supervisor.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  const outcome = await supervisor.start();
  if (!outcome.started) {
    if (outcome.exitCode !== 0) process.exit(outcome.exitCode);
    return;
  }
  const url = `http://${config.host}:${outcome.address.port}`;
  logger.log(`Listening on ${url} with ${config.workers} workers, processes ${supervisor.pids().join(', ')} (health: ${url}/health)`);
}
