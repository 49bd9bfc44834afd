import 'reflect-metadata';
import { loadAppConfig } from '../../../src/config/app-config';
import { startToyApp } from './toy-app';
import { toyCounter } from './toy-projections';

/**
 * A service process applying the crash test's toy projection, slowly (small batches, a pause in
 * each), until the test kills it with SIGKILL.
 */
async function main(): Promise<void> {
  const config = loadAppConfig({ ...process.env, NEWSDESK_PROJECTION_BATCH_SIZE: '20', NEWSDESK_RUN_MIGRATIONS: 'false', PORT: '0' });
  await startToyApp(config, [toyCounter('toy_crash', 'CrashCounted', 10)]);
  process.stdout.write('applying\n');
}

main().catch((error: Error) => {
  process.stderr.write(`crash-child: ${error.stack}\n`);
  process.exit(1);
});
