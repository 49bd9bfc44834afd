/** Injection token for the {@link Clock}; tests provide a fixed or stepping one. */
export const CLOCK = Symbol('Clock');

/** Where "now" comes from, so time-dependent code is deterministic under test. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
