import { Query } from '@nestjs/cqrs';
import type { CasualtyTally } from '../../tallies/compute-tallies';

/** `GET /stories/:id/casualties` (API.md "Reads"). */
export interface StoryCasualties {
  storyId: string;
  tallies: CasualtyTally[];
}

/** The casualty tallies of one story, from the casualty_tallies projection. */
export class ReadCasualtyTallies extends Query<StoryCasualties> {
  constructor(readonly storyId: string) {
    super();
  }
}
