import { CreateEventStore1764201600000 } from './1764201600000-CreateEventStore';
import { CreateProjectionCheckpoints1764202000000 } from './1764202000000-CreateProjectionCheckpoints';
import { CreateStoryVersions1764202500000 } from './1764202500000-CreateStoryVersions';

/**
 * Every migration, oldest first. Listed explicitly rather than found by a glob so the same list
 * works from TypeScript sources (tests, CLI) and from the compiled service.
 */
export const migrations = [CreateEventStore1764201600000, CreateProjectionCheckpoints1764202000000, CreateStoryVersions1764202500000];
