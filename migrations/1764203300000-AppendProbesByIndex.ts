import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `append_checked` (1764202800000) probes the events table for each event id of an append, under
 * the ordering lock. Its probes were written as LATERAL subqueries to make each one a unique-index
 * lookup, but PostgreSQL pulls a simple LATERAL subquery up into the join, and with
 * `jsonb_array_elements` estimated at 100 rows it then planned a hash join over a sequential scan
 * of the whole events table whenever that was cheaper than 100 index probes: below roughly 50,000
 * events. So every append read the whole table while holding the lock every other append waits
 * for (1.9 ms of a 3 ms append at 6,700 events, measured with auto_explain), and the store's
 * throughput fell as the table grew, until the plan flipped.
 *
 * `OFFSET 0` keeps each subquery from being pulled up: it stays a per-event subquery, which can
 * only be answered by the index on `event_id`, whatever the table's size or statistics.
 * Nothing else changes.
 */
export class AppendProbesByIndex1764203300000 implements MigrationInterface {
  name = 'AppendProbesByIndex1764203300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(appendChecked('OFFSET 0'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(appendChecked(''));
  }
}

/** `append_checked` as 1764202800000 defined it, with `fence` closing both of its event-id probes. */
function appendChecked(fence: string): string {
  return `
    CREATE OR REPLACE FUNCTION append_checked(p_stream_id text, p_expected text, p_events jsonb, p_recorded_at timestamptz)
      RETURNS TABLE (outcome text, event_position bigint, event_stream_version integer, actual_version integer)
      LANGUAGE plpgsql AS $$
    -- Only for functions that already hold the ordering lock (append_to_stream, append_batch).
    -- outcome: 'appended' | 'replayed' (one row per event, in the order given), or
    -- 'wrong_expected_version' (actual_version set) | 'event_id_conflict' (one row, nothing written).
    DECLARE
      v_count   integer := jsonb_array_length(p_events);
      v_known   integer;
      v_same    boolean;
      v_offsets integer;
      v_current integer;
    BEGIN
      -- Idempotency by event id: one unique-index lookup per event (see migration 1764203300000).
      SELECT count(e.event_id),
             coalesce(bool_and(coalesce(e.stream_id = p_stream_id AND e.type = n.ev->>'type' AND e.data = n.ev->'data', false)), false),
             count(DISTINCT e.stream_version - n.ord)
        INTO v_known, v_same, v_offsets
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS n(ev, ord)
        LEFT JOIN LATERAL (SELECT * FROM events f WHERE f.event_id = (n.ev->>'eventId')::uuid ${fence}) e ON true;
      IF v_known > 0 THEN
        -- A replay is the same events, same stream, same content, stored consecutively in the same order.
        IF v_known = v_count AND v_same AND v_offsets = 1 THEN
          RETURN QUERY
            SELECT 'replayed'::text, e.position, e.stream_version, NULL::integer
              FROM jsonb_array_elements(p_events) WITH ORDINALITY AS n(ev, ord)
              CROSS JOIN LATERAL (SELECT * FROM events f WHERE f.event_id = (n.ev->>'eventId')::uuid ${fence}) e
             ORDER BY n.ord;
        ELSE
          RETURN QUERY SELECT 'event_id_conflict'::text, NULL::bigint, NULL::integer, NULL::integer;
        END IF;
        RETURN;
      END IF;
      SELECT coalesce(max(stream_version), 0) INTO v_current FROM events WHERE stream_id = p_stream_id;
      IF NOT (p_expected = 'any'
           OR (p_expected = 'no_stream' AND v_current = 0)
           OR (p_expected = 'stream_exists' AND v_current > 0)
           OR (p_expected ~ '^[0-9]+$' AND v_current = p_expected::integer)) THEN
        RETURN QUERY SELECT 'wrong_expected_version'::text, NULL::bigint, NULL::integer, v_current;
        RETURN;
      END IF;
      RETURN QUERY
        WITH inserted AS (
          INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at)
          SELECT p_stream_id, v_current + n.ord::integer, (n.ev->>'eventId')::uuid, n.ev->>'type',
                 (n.ev->>'schemaVersion')::integer, n.ev->'data', n.ev->'metadata', p_recorded_at
            FROM jsonb_array_elements(p_events) WITH ORDINALITY AS n(ev, ord)
           ORDER BY n.ord
          RETURNING position, stream_version)
        SELECT 'appended'::text, i.position, i.stream_version, NULL::integer FROM inserted i ORDER BY i.stream_version;
    END $$`;
}
