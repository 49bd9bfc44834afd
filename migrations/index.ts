import { CreateEventStore1764201600000 } from './1764201600000-CreateEventStore';

/**
 * Every migration, oldest first. Listed explicitly rather than found by a glob so the same list
 * works from TypeScript sources (tests, CLI) and from the compiled service.
 */
export const migrations = [CreateEventStore1764201600000];
