import 'reflect-metadata';
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { AppConfig, InvalidConfigError, loadAppConfig } from './config/app-config';

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadAppConfig(process.env);
  } catch (error) {
    if (!(error instanceof InvalidConfigError)) throw error;
    process.stderr.write(`newsdesk: ${error.message}\n`);
    process.exit(1);
  }
  if (config.workers > 1 && cluster.isPrimary) {
    const { runWorkers } = await import('./workers/run-workers');
    return runWorkers(config);
  }
  // Loaded only where it serves: the primary of several workers keeps none of the application.
  const { createApp } = await import('./app.factory');
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  // The port bound, which PORT=0 leaves to the system.
  const url = `http://${config.host}:${(app.getHttpServer().address() as AddressInfo).port}`;
  new Logger('Newsdesk').log(`Listening on ${url} (health: ${url}/health)`);
}

void bootstrap();
