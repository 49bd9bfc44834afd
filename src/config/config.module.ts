import { DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AppConfig } from './app-config';

/** `ConfigService` typed with the validated configuration, for factories. Inject `ConfigService<AppConfig, true>` in constructors: a type alias emits no decorator metadata. */
export type AppConfigService = ConfigService<AppConfig, true>;

/**
 * Registers the configuration validated by `loadAppConfig` with `@nestjs/config`. The environment is
 * read and checked once, before Nest boots, so a bad variable stops the process with one clear line.
 */
export function appConfigModule(config: AppConfig): Promise<DynamicModule> {
  return ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, load: [() => ({ ...config })] });
}
