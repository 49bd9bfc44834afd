import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { ProjectionRegistry } from '../projection-registry';
import { ProjectionRebuilder } from './projection-rebuilder';
import { RebuildProgressBar } from './rebuild-progress-bar';

/**
 * `projections:rebuild [--projection NAME]…`: rebuilds the projections named (repeat the flag for
 * several), or every registered one, in one pass over the log, in an application context built
 * from `rootModule` (the service's own modules, with the live runner off), with a progress bar on stderr.
 */
export async function runRebuildCommand(rootModule: DynamicModule | Type<unknown>, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { projection: { type: 'string', multiple: true } }, strict: true, allowPositionals: false });
  const app = await NestFactory.createApplicationContext(rootModule, { logger: ['error', 'warn'], abortOnError: false });
  try {
    const registry = app.get(ProjectionRegistry);
    const names = values.projection === undefined ? registry.names() : [...new Set(values.projection.map((name) => registry.get(name).name))];
    if (names.length === 0) {
      process.stdout.write('No projections are registered: nothing to rebuild.\n');
      return;
    }
    const rebuilder = app.get(ProjectionRebuilder);
    const bar = new RebuildProgressBar(names.join(', '));
    try {
      bar.finish(await rebuilder.rebuildTogether(names, { onProgress: (progress) => bar.update(progress) }));
    } catch (error) {
      bar.abandon();
      throw error;
    }
  } finally {
    await app.close();
  }
}
