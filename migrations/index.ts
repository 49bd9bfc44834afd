import { CreateEventStore1764201600000 } from './1764201600000-CreateEventStore';
import { CreateProjectionCheckpoints1764202000000 } from './1764202000000-CreateProjectionCheckpoints';
import { CreateStoriesList1764202100000 } from './1764202100000-CreateStoriesList';
import { CreateCasualtyReports1764202200000 } from './1764202200000-CreateCasualtyReports';
import { CreateStatements1764202300000 } from './1764202300000-CreateStatements';
import { CreateCorrectionsLog1764202400000 } from './1764202400000-CreateCorrectionsLog';

/**
 * Every migration, oldest first. Listed explicitly rather than found by a glob so the same list
 * works from TypeScript sources (tests, CLI) and from the compiled service.
 */
export const migrations = [
  CreateEventStore1764201600000,
  CreateProjectionCheckpoints1764202000000,
  CreateStoriesList1764202100000,
  CreateCasualtyReports1764202200000,
  CreateStatements1764202300000,
  CreateCorrectionsLog1764202400000,
];
