import { CreateEventStore1764201600000 } from './1764201600000-CreateEventStore';
import { CreateApiKeys1764201700000 } from './1764201700000-CreateApiKeys';
import { CreateIdempotencyKeys1764201800000 } from './1764201800000-CreateIdempotencyKeys';
import { CreateStorySlugs1764201900000 } from './1764201900000-CreateStorySlugs';
import { CreateProjectionCheckpoints1764202000000 } from './1764202000000-CreateProjectionCheckpoints';
import { CreateStoriesList1764202100000 } from './1764202100000-CreateStoriesList';
import { CreateCasualtyReports1764202200000 } from './1764202200000-CreateCasualtyReports';
import { CreateStatements1764202300000 } from './1764202300000-CreateStatements';
import { CreateCorrectionsLog1764202400000 } from './1764202400000-CreateCorrectionsLog';
import { CreateStoryVersions1764202500000 } from './1764202500000-CreateStoryVersions';
import { StoreCasualtyTallies1764202600000 } from './1764202600000-StoreCasualtyTallies';
import { StoryVersionsKeepEventsAndSnapshots1764202700000 } from './1764202700000-StoryVersionsKeepEventsAndSnapshots';
import { GroupCommitAppends1764202800000 } from './1764202800000-GroupCommitAppends';
import { DropStoryDocuments1764202900000 } from './1764202900000-DropStoryDocuments';
import { CasualtyTalliesLz4Compression1764203000000 } from './1764203000000-CasualtyTalliesLz4Compression';
import { CasualtyTalliesThroughPosition1764203100000 } from './1764203100000-CasualtyTalliesThroughPosition';
import { CasualtyTallyGroups1764203200000 } from './1764203200000-CasualtyTallyGroups';
import { AppendProbesByIndex1764203300000 } from './1764203300000-AppendProbesByIndex';
import { CasualtyTallyHistory1764203400000 } from './1764203400000-CasualtyTallyHistory';

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
  CreateStoriesList1764202100000,
  CreateCasualtyReports1764202200000,
  CreateStatements1764202300000,
  CreateCorrectionsLog1764202400000,
  CreateStoryVersions1764202500000,
  StoreCasualtyTallies1764202600000,
  StoryVersionsKeepEventsAndSnapshots1764202700000,
  GroupCommitAppends1764202800000,
  DropStoryDocuments1764202900000,
  CasualtyTalliesLz4Compression1764203000000,
  CasualtyTalliesThroughPosition1764203100000,
  CasualtyTallyGroups1764203200000,
  AppendProbesByIndex1764203300000,
  CasualtyTallyHistory1764203400000,
];
