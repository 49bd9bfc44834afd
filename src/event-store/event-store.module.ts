import { DynamicModule, Global, Module } from '@nestjs/common';
import { EventStore } from './event-store';
import { Upcaster, UpcasterRegistry } from './upcasters';

/** The event store, with the upcasters of every event type the application stores. */
@Global()
@Module({})
export class EventStoreModule {
  static forRoot(options: { upcasters: readonly Upcaster[] }): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [EventStore, { provide: UpcasterRegistry, useValue: new UpcasterRegistry(options.upcasters) }],
      exports: [EventStore, UpcasterRegistry],
    };
  }
}
