import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { AppModule } from '../../../src/app.module';
import { loadAppConfig } from '../../../src/config/app-config';
import { ProjectionsModule } from '../../../src/projections/projections.module';
import { runRebuildCommand } from '../../../src/projections/rebuild/rebuild-command';
import { toyCounter } from './toy-projections';

/** The rebuild command as `npm run projections:rebuild` runs it, with the toy projection registered. */
@Module({
  imports: [
    AppModule.forRoot({ ...loadAppConfig(process.env), projectionsEnabled: false }),
    ProjectionsModule.forFeature([toyCounter(process.env.TOY_PROJECTION ?? 'toy_rebuilt', process.env.TOY_COUNTED ?? 'RebuiltCounted')]),
  ],
})
class ToyRebuildModule {}

runRebuildCommand(ToyRebuildModule, process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`newsdesk: ${error.message}\n`);
  process.exit(1);
});
