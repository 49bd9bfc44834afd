import type { StoryDocumentState } from '../../document';
import { RecentStories } from '../recent-stories';

/**
 * Entries kept. A rebuild batch (5,000 events) of a desk's log touches about 100 stories (the
 * bench's seed develops 100 side by side; a real desk has fewer stories moving at once), and a
 * live batch the few a desk is working on; consecutive batches mostly touch the same ones. 256
 * holds both at once (the rebuild and the live runner share the projection instance) with room to
 * spare, and bounds the memory: a long story's state is ~90 KB as JSON, so at most a few tens of MB.
 */
export const LATEST_STATES_KEPT = 256;

/**
 * The latest fold state of recently touched stories. An entry is the state AT ITS VERSION
 * (`state.document.version`), a pure fold of immutable events: it is right whatever the tables
 * hold, but it is only the story's latest state if the tables' head version for the story is that
 * version. The caller checks that in the transaction it writes with (see StoryVersionsProjection);
 * nothing here knows about tables, schemas or transactions.
 */
export class LatestStateCache extends RecentStories<StoryDocumentState> {
  constructor(capacity = LATEST_STATES_KEPT) {
    super(capacity);
  }
}
