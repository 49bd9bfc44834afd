import type { ProjectionTransaction } from '../../../projections/projection';
import { recordset } from '../recordset';
import type { RecordColumns } from '../recordset';
import { categoryOrder, historyEntryOf, partyKey } from '../../tallies/compute-tallies';
import type { StoryTallyGroups, TallyChanges, TallyReport } from '../../tallies/compute-tallies';

/** A story's tallies after a batch, and what to write of them. */
export interface StoryTallies extends TallyChanges {
  storyId: string;
  through: number;
  tallies: StoryTallyGroups;
  /** `true`: every stored group of the story is replaced (its kept copy was not current); else only `changed` and `removed`. */
  whole: boolean;
  /** The reports whose history entry the batch wrote or changed: those it recorded, corrected or retracted. */
  entries: readonly TallyReport[];
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
 * A story's stored tally parts in the order of the answer: each group's text (`entry` false),
 * followed by its history entries in `asOf` order, ties by position; groups in primary-key order,
 * which is the order of `computeTallies` (migration 1764203200000). One statement, so the groups
 * and their entries come from one snapshot even while a batch commits.
 */
export const READ_TALLY_PARTS = `
  SELECT entry, text FROM (
    SELECT party_key, category_order, false AS entry, NULL::timestamptz AS as_of, NULL::bigint AS position, tally AS text
      FROM casualty_tally_groups WHERE story_id = $1
    UNION ALL
    SELECT party_key, category_order, true, as_of, position, entry
      FROM casualty_tally_history WHERE story_id = $1) AS parts
   ORDER BY party_key, category_order, entry, as_of, position`;

/**
 * Joins what {@link READ_TALLY_PARTS} reads into the story's tallies as one JSON array text, byte
 * for byte `JSON.stringify(computeTallies(...))`: each group's text is its tally without
 * `history`, the last key, which goes back in as the entries' texts.
 */
export function joinTallyParts(parts: readonly { entry: boolean; text: string }[]): string {
  const pieces: string[] = ['['];
  let opened = false;
  let firstEntry = true;
  for (const { entry, text } of parts) {
    if (entry) {
      if (!firstEntry) pieces.push(',');
      pieces.push(text);
      firstEntry = false;
      continue;
    }
    if (opened) pieces.push(']},');
    pieces.push(text.slice(0, -1), ',"history":[');
    opened = true;
    firstEntry = true;
  }
  if (opened) pieces.push(']}');
  pieces.push(']');
  return pieces.join('');
}

/** Adds each value as the next numbered parameter of one statement and answers its placeholder. */
class Parameters {
  readonly values: unknown[] = [];

  /** The value's parameter number. */
  number(value: unknown): number {
    return this.values.push(value);
  }

  add(value: unknown, type: string): string {
    return `$${this.number(value)}::${type}`;
  }
}

/** A history row as the batch sends it (see `recordset`): the table's columns, in its order. */
const HISTORY_COLUMNS: RecordColumns = {
  story_id: 'uuid',
  event_id: 'uuid',
  party_key: 'text',
  category_order: 'smallint',
  as_of: 'timestamptz',
  position: 'bigint',
  entry: 'text',
};

/**
 * Writes what `stories` changed: the stories' tags; their removed groups, and every group of a
 * story stored `whole`, deleted; their changed groups and their entries upserted. One to three
 * statements per batch whatever its size (more only past {@link GROUPS_PER_INSERT} groups).
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
  // The tags and the entries ride on the first statement, with the first slice of groups if any.
  const first = new Parameters();
  const sideWrites = [
    `tagged AS (
       UPDATE casualty_tallies AS t SET through_position = u.through
         FROM unnest(${first.add(stories.map((story) => story.storyId), 'uuid[]')}, ${first.add(stories.map((story) => story.through), 'bigint[]')}) AS u (story_id, through)
        WHERE t.story_id = u.story_id)`,
  ];
  const entries = stories.flatMap((story) => story.entries.map((report) => ({ storyId: story.storyId, report })));
  if (entries.length > 0) {
    // All entries as one parameter, as the other projections write their batches: one statement
    // text whatever the batch, and no array literal to escape each JSON text into.
    const rows = entries.map(({ storyId, report }) => ({
      story_id: storyId,
      event_id: report.eventId,
      party_key: partyKey(report.party),
      category_order: categoryOrder(report.category),
      as_of: asOfInstant(report),
      position: report.position,
      entry: JSON.stringify(historyEntryOf(report)),
    }));
    const names = Object.keys(HISTORY_COLUMNS).join(', ');
    sideWrites.push(
      `entries AS (
         INSERT INTO casualty_tally_history (${names})
         SELECT ${names} FROM ${recordset(HISTORY_COLUMNS, first.number(JSON.stringify(rows)))}
         ON CONFLICT (story_id, event_id) DO UPDATE
           SET party_key = excluded.party_key, category_order = excluded.category_order, as_of = excluded.as_of,
               position = excluded.position, entry = excluded.entry)`,
    );
  }
  const changed = stories.flatMap((story) => story.changed.map((group) => ({ storyId: story.storyId, group })));
  if (changed.length === 0) {
    await tx.query(`WITH ${sideWrites.join(', ')} SELECT`, first.values);
    return;
  }
  for (let start = 0; start < changed.length; start += GROUPS_PER_INSERT) {
    const slice = changed.slice(start, start + GROUPS_PER_INSERT);
    const parameters = start === 0 ? first : new Parameters();
    // One plain parameter per group text: a text[] would be escaped element by element on both ends.
    const rows = slice.map(
      ({ storyId, group }) =>
        `(${parameters.add(storyId, 'uuid')}, ${parameters.add(group.partyKey, 'text')}, ${parameters.add(categoryOrder(group.category), 'smallint')}, ${parameters.add(JSON.stringify(group.head), 'text')})`,
    );
    const upsert = `INSERT INTO casualty_tally_groups (story_id, party_key, category_order, tally) VALUES ${rows.join(', ')}
                    ON CONFLICT (story_id, party_key, category_order) DO UPDATE SET tally = excluded.tally`;
    await tx.query(start === 0 ? `WITH ${sideWrites.join(', ')} ${upsert}` : upsert, parameters.values);
  }
}

/**
 * The instant of the report's `asOf` as `computeTallies` orders the history by it (`Date.parse`),
 * ISO-8601 UTC. A stored report's `asOf` was read as a timestamp when it was recorded.
 */
function asOfInstant(report: TallyReport): string {
  const at = Date.parse(report.asOf);
  if (Number.isNaN(at)) throw new Error(`Casualty report ${report.eventId} has an asOf that is not a time: ${JSON.stringify(report.asOf)}`);
  return new Date(at).toISOString();
}
