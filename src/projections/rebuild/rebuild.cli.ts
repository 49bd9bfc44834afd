import 'reflect-metadata';
import { AppModule } from '../../app.module';
import { loadAppConfig } from '../../config/app-config';
import { runRebuildCommand } from './rebuild-command';

/**
 * `npm run projections:rebuild [-- --projection NAME]`, on DATABASE_URL or the embedded data folder
 * (stop the service first in embedded mode: its data folder belongs to one process). A running
 * service on a real server keeps serving the old tables until the swap.
 */
async function main(): Promise<void> {
  const config = { ...loadAppConfig(process.env), projectionsEnabled: false };
  await runRebuildCommand(AppModule.forRoot(config), process.argv.slice(2));
}

main().catch((error: Error) => {
  process.stderr.write(`newsdesk: ${error.message}\n`);
  process.exit(1);
});
