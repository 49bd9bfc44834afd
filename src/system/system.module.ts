import { Global, Module } from '@nestjs/common';
import { CLOCK, systemClock } from './clock';
import { ID_GENERATOR, randomIdGenerator } from './id-generator';

/** The clock and id generator; tests override these providers to make time and ids predictable. */
@Global()
@Module({
  providers: [
    { provide: CLOCK, useValue: systemClock },
    { provide: ID_GENERATOR, useValue: randomIdGenerator },
  ],
  exports: [CLOCK, ID_GENERATOR],
})
export class SystemModule {}
