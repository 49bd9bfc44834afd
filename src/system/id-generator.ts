import { randomUUID } from 'node:crypto';

/** Injection token for the {@link IdGenerator}. */
export const ID_GENERATOR = Symbol('IdGenerator');

/** Produces the ids of stories, events and requests; injected so tests can predict them. */
export interface IdGenerator {
  uuid(): string;
}

export const randomIdGenerator: IdGenerator = { uuid: () => randomUUID() };
