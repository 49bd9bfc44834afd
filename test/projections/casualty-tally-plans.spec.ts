import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { READ_TAGS_AND_STALE_REPORTS } from '../../src/stories/projections/casualty-tallies/casualty-tallies.projection';
import { DELETE_GROUPS, READ_TALLY_PARTS } from '../../src/stories/projections/casualty-tallies/casualty-tally-groups.table';
import { describeOnRealServer, testDatabaseUrl } from '../support/test-database';

/** A node of `EXPLAIN (ANALYZE, FORMAT JSON)`. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

const STORIES = 2_000;
const REPORTS_PER_STORY = 20;
const GROUPS_PER_STORY = 15;
const TAG = 10;
const TABLES = ['casualty_tallies', 'casualty_reports', 'casualty_tally_groups', 'casualty_tally_history'];
const storyId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * The casualty projection's per-batch statements must cost what the batch touches, not what the
 * tables hold: these read the plans PostgreSQL runs for them on tables of a few thousand stories
 * (copies in a schema of their own, found first on the search path, as a rebuild's are).
 */
describeOnRealServer('casualty tally statements: plans', () => {
  const schema = `tally_plans_${randomUUID().replace(/-/g, '')}`;
  let client: Client;

  beforeAll(async () => {
    client = new Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    for (const table of TABLES) await client.query(`CREATE TABLE ${schema}.${table} (LIKE public.${table} INCLUDING ALL)`);
    const story = `('00000000-0000-4000-8000-' || lpad(s::text, 12, '0'))::uuid`;
    await client.query(`INSERT INTO ${schema}.casualty_tallies (story_id, through_position) SELECT ${story}, ${TAG} FROM generate_series(1, ${STORIES}) AS s`);
    await client.query(
      `INSERT INTO ${schema}.casualty_reports (event_id, story_id, position, recorded_at, data)
       SELECT gen_random_uuid(), ${story}, s * 100 + n, now(), '{"party": "soldiers", "category": "killed"}'
         FROM generate_series(1, ${STORIES}) AS s, generate_series(1, ${REPORTS_PER_STORY}) AS n`,
    );
    await client.query(
      `INSERT INTO ${schema}.casualty_tally_groups (story_id, party_key, category_order, tally)
       SELECT ${story}, 'party ' || n / 5, n % 5, '{}' FROM generate_series(1, ${STORIES}) AS s, generate_series(0, ${GROUPS_PER_STORY - 1}) AS n`,
    );
    await client.query(
      `INSERT INTO ${schema}.casualty_tally_history (story_id, event_id, party_key, category_order, as_of, position, entry)
       SELECT ${story}, gen_random_uuid(), 'party ' || n % ${GROUPS_PER_STORY} / 5, n % ${GROUPS_PER_STORY} % 5, now() - n * interval '1 minute', s * 100 + n, '{}'
         FROM generate_series(1, ${STORIES}) AS s, generate_series(1, ${REPORTS_PER_STORY}) AS n`,
    );
    for (const table of TABLES) await client.query(`ANALYZE ${schema}.${table}`);
    await client.query(`SET search_path = ${schema}, public`);
  });

  afterAll(async () => {
    await client.query('RESET search_path').catch(() => undefined);
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await client.end();
  });

  async function analyzed(sql: string, params: unknown[]): Promise<PlanNode[]> {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
    return nodesOf(rows[0]['QUERY PLAN'][0].Plan);
  }

  it('reads back the reports of a story whose kept copy is stale, and none of one whose copy is current', async () => {
    const params = [
      [storyId(7), storyId(8)],
      [TAG, null],
    ];
    const { rows } = await client.query(READ_TAGS_AND_STALE_REPORTS, params);
    expect(rows.filter((row) => row.story_id === storyId(7))).toEqual([expect.objectContaining({ through_position: String(TAG), event_id: null })]);
    expect(rows.filter((row) => row.story_id === storyId(8) && row.event_id !== null)).toHaveLength(REPORTS_PER_STORY);

    const reportsRead = (await analyzed(READ_TAGS_AND_STALE_REPORTS, params))
      .filter((node) => node['Relation Name'] === 'casualty_reports' && !node['Node Type'].startsWith('Bitmap Index'))
      .reduce((sum, node) => sum + node['Actual Rows'] * node['Actual Loops'], 0);
    expect(reportsRead).toBe(REPORTS_PER_STORY);
  });

  it("reads one story's groups and history entries through the primary keys, each group's entries after it", async () => {
    const { rows } = await client.query(READ_TALLY_PARTS, [storyId(9)]);
    expect(rows.filter((row) => !row.entry)).toHaveLength(GROUPS_PER_STORY);
    expect(rows.filter((row) => row.entry)).toHaveLength(REPORTS_PER_STORY);
    expect(rows[0].entry).toBe(false);

    const scans = (await analyzed(READ_TALLY_PARTS, [storyId(9)])).filter((node) => node['Relation Name']?.startsWith('casualty_tally_'));
    expect(scans.map((node) => node['Node Type'])).not.toContain('Seq Scan');
    expect(scans.reduce((sum, node) => sum + node['Actual Rows'] * node['Actual Loops'], 0)).toBe(GROUPS_PER_STORY + REPORTS_PER_STORY);
  });

  it('deletes whole stories and single groups through the primary key, not by a scan of every group', async () => {
    const params = [[storyId(11)], [storyId(12)], ['party 0'], [2]];
    await client.query('BEGIN');
    try {
      const deleted = await client.query(DELETE_GROUPS, params);
      expect(deleted.rowCount).toBe(GROUPS_PER_STORY + 1);
      const { rows } = await client.query('SELECT party_key, category_order FROM casualty_tally_groups WHERE story_id = $1 AND party_key = $2 AND category_order = 2', [
        storyId(12),
        'party 0',
      ]);
      expect(rows).toEqual([]);
    } finally {
      await client.query('ROLLBACK');
    }

    await client.query('BEGIN');
    try {
      const plan = await analyzed(DELETE_GROUPS, params);
      const scans = plan.filter((node) => node['Relation Name'] === 'casualty_tally_groups' && node['Node Type'] !== 'ModifyTable');
      expect(scans.map((node) => node['Node Type'])).not.toContain('Seq Scan');
      expect(scans.reduce((sum, node) => sum + node['Actual Rows'] * node['Actual Loops'], 0)).toBeLessThanOrEqual(2 * GROUPS_PER_STORY);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});
