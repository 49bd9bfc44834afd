import type { ProjectionTransaction } from '../../../projections/projection';
import { categoryOrder } from '../../tallies/compute-tallies';
import type { StoryTallyGroups, TallyChanges } from '../../tallies/compute-tallies';

/** A story's tallies after a batch, and what to write of them. */
export interface StoryTallies extends TallyChanges {
  storyId: string;
  through: number;
  tallies: StoryTallyGroups;
  /** `true`: every stored group of the story is replaced (its kept copy was not current); else only `changed` and `removed`. */
  whole: boolean;
}

/** Group rows per INSERT: four parameters each, well under PostgreSQL's 65,535 even for a rebuild's largest batch. */
const GROUPS_PER_INSERT = 2_000;

/**
 * $1 the stories whose every group goes; $2..$4 single groups that go (story, party key, category
 * order). The first condition lets the primary key find the candidate rows; alone, the OR of a
 * story list and a set of groups could only be checked row by row over the whole table.
 */
export const DELETE_GROUPS = `
  DELETE FROM casualty_tally_groups g
   WHERE g.story_id = ANY($1::uuid[] || $2::uuid[])
     AND (g.story_id = ANY($1::uuid[])
          OR (g.story_id, g.party_key, g.category_order) IN (SELECT * FROM unnest($2::uuid[], $3::text[], $4::smallint[])))`;

/**
 * Writes what `stories` changed: the stories' tags; their removed groups, and every group of a
 * story stored `whole`, deleted; their changed groups upserted. One to three statements per batch
 * whatever its size (more only past {@link GROUPS_PER_INSERT} groups).
 */
export async function saveTallies(tx: ProjectionTransaction, stories: readonly StoryTallies[]): Promise<void> {
  const wholes = stories.filter((story) => story.whole).map((story) => story.storyId);
  const removed = stories.flatMap((story) => story.removed.map((group) => ({ storyId: story.storyId, group })));
  if (wholes.length > 0 || removed.length > 0) {
    await tx.query(DELETE_GROUPS, [
      wholes,
      removed.map(({ storyId }) => storyId),
      removed.map(({ group }) => group.partyKey),
      removed.map(({ group }) => categoryOrder(group.category)),
    ]);
  }
  const tags = `UPDATE casualty_tallies AS t SET through_position = u.through
                  FROM unnest($1::uuid[], $2::bigint[]) AS u (story_id, through) WHERE t.story_id = u.story_id`;
  const tagValues = [stories.map((story) => story.storyId), stories.map((story) => story.through)];
  const changed = stories.flatMap((story) => story.changed.map((group) => ({ storyId: story.storyId, group })));
  if (changed.length === 0) {
    await tx.query(tags, tagValues);
    return;
  }
  for (let start = 0; start < changed.length; start += GROUPS_PER_INSERT) {
    const slice = changed.slice(start, start + GROUPS_PER_INSERT);
    // The tags ride on the first slice's statement. One plain parameter per tally text: a text[]
    // would be escaped element by element on both ends, and these texts run to many kilobytes.
    const first = start === 0;
    const offset = first ? tagValues.length : 0;
    const rows = slice.map((_, index) => {
      const at = offset + 4 * index;
      return `($${at + 1}::uuid, $${at + 2}::text, $${at + 3}::smallint, $${at + 4}::text)`;
    });
    const upsert = `INSERT INTO casualty_tally_groups (story_id, party_key, category_order, tally) VALUES ${rows.join(', ')}
                    ON CONFLICT (story_id, party_key, category_order) DO UPDATE SET tally = excluded.tally`;
    const values = slice.flatMap(({ storyId, group }) => [storyId, group.partyKey, categoryOrder(group.category), JSON.stringify(group.tally)]);
    await tx.query(first ? `WITH tagged AS (${tags}) ${upsert}` : upsert, first ? [...tagValues, ...values] : values);
  }
}
