import { Query } from '@nestjs/cqrs';
import type { CasualtyTally } from '../../tallies/compute-tallies';

/** `GET /stories/:id/casualties` (API.md "Reads"). */
export interface StoryCasualties {
  storyId: string;
  tallies: CasualtyTally[];
}

/** A `StoryCasualties` as the JSON text it is sent as. */
export type StoryCasualtiesJson = string;

/**
 * The casualty tallies of one story, from the casualty_tallies projection, as JSON text: the
 * projection stores them serialized, so the read sends them without parsing and re-serializing.
 */
export class ReadCasualtyTallies extends Query<StoryCasualtiesJson> {
  constructor(readonly storyId: string) {
    super();
  }
}
