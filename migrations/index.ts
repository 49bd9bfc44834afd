import { CreateEventStore1764201600000 } from './1764201600000-CreateEventStore';
import { CreateApiKeys1764201700000 } from './1764201700000-CreateApiKeys';
import { CreateIdempotencyKeys1764201800000 } from './1764201800000-CreateIdempotencyKeys';
import { CreateStorySlugs1764201900000 } from './1764201900000-CreateStorySlugs';
import { CreateProjectionCheckpoints1764202000000 } from './1764202000000-CreateProjectionCheckpoints';

/**
 * Every migration, oldest first. Listed explicitly rather than found by a glob so the same list
 * works from TypeScript sources (tests, CLI) and from the compiled service.
 */
export const migrations = [
  CreateEventStore1764201600000,
  CreateApiKeys1764201700000,
  CreateIdempotencyKeys1764201800000,
  CreateStorySlugs1764201900000,
  CreateProjectionCheckpoints1764202000000,
];
