import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigService } from '@nestjs/config';
import { AppConfigService } from '../config/config.module';
import { dataSourceOptions } from './data-source-options';
import { DatabaseEndpoint, openDatabaseEndpoint } from './database-endpoint';

export const DATABASE_ENDPOINT = Symbol('DatabaseEndpoint');

@Global()
@Module({
  providers: [
    {
      provide: DATABASE_ENDPOINT,
      inject: [ConfigService],
      useFactory: (config: AppConfigService) =>
        openDatabaseEndpoint({
          databaseUrl: config.get('databaseUrl', { infer: true }),
          databasePoolSize: config.get('databasePoolSize', { infer: true }),
          dataDir: config.get('dataDir', { infer: true }),
          embeddedPort: config.get('embeddedPort', { infer: true }),
        }),
    },
  ],
  exports: [DATABASE_ENDPOINT],
})
class DatabaseEndpointModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE_ENDPOINT) private readonly endpoint: DatabaseEndpoint) {}

  // Runs after TypeORM has closed its pool (modules shut down in reverse order of their imports).
  async onApplicationShutdown(): Promise<void> {
    await this.endpoint.close();
  }
}

/** The TypeORM connection: a real server from `DATABASE_URL`, else the embedded PostgreSQL. Migrations run at start-up unless switched off. */
@Module({
  imports: [
    DatabaseEndpointModule,
    TypeOrmModule.forRootAsync({
      inject: [DATABASE_ENDPOINT, ConfigService],
      useFactory: (endpoint: DatabaseEndpoint, config: AppConfigService) =>
        dataSourceOptions({ url: endpoint.url, poolSize: endpoint.poolSize, runMigrations: config.get('runMigrations', { infer: true }) }),
    }),
  ],
})
export class DatabaseModule {}
