import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Group commit: `append_batch` writes many appends in one transaction, under one take of the
 * ordering lock (key 4_711_000_001, held until COMMIT as before), with one commit flush.
 *
 * Each append keeps its own semantics: `append_checked` runs its idempotency probe, its expected
 * version check and its insert, and reports an outcome instead of raising, so one append's refusal
 * never rolls back the others. Appends run in the order given and each sees the ones before it, so
 * two appends to one stream behave as if sequential. An unexpected error (a column constraint)
 * still aborts the whole batch; the caller (src/event-store/append-group.ts) then retries the
 * members one by one.
 *
 * `append_to_stream` is redefined on top of `append_checked` (same signature, same errors) for the
 * callers that append inside their own transaction. Its old idempotency probe joined the events
 * table with `jsonb_array_elements` (estimated at 100 rows), which PostgreSQL planned as a hash
 * join over a sequential scan of the whole table, under the lock: every append got slower as the
 * table grew (about 8 ms at 20,000 events). The probe is now one unique-index lookup per event id.
 */
export class GroupCommitAppends1764202800000 implements MigrationInterface {
  name = 'GroupCommitAppends1764202800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION append_checked(p_stream_id text, p_expected text, p_events jsonb, p_recorded_at timestamptz)
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
        -- Idempotency by event id. The LATERAL subquery makes each probe a unique-index lookup.
        SELECT count(e.event_id),
               coalesce(bool_and(coalesce(e.stream_id = p_stream_id AND e.type = n.ev->>'type' AND e.data = n.ev->'data', false)), false),
               count(DISTINCT e.stream_version - n.ord)
          INTO v_known, v_same, v_offsets
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS n(ev, ord)
          LEFT JOIN LATERAL (SELECT * FROM events f WHERE f.event_id = (n.ev->>'eventId')::uuid) e ON true;
        IF v_known > 0 THEN
          -- A replay is the same events, same stream, same content, stored consecutively in the same order.
          IF v_known = v_count AND v_same AND v_offsets = 1 THEN
            RETURN QUERY
              SELECT 'replayed'::text, e.position, e.stream_version, NULL::integer
                FROM jsonb_array_elements(p_events) WITH ORDINALITY AS n(ev, ord)
                CROSS JOIN LATERAL (SELECT * FROM events f WHERE f.event_id = (n.ev->>'eventId')::uuid) e
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
      END $$`);

    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION append_to_stream(p_stream_id text, p_expected text, p_events jsonb, p_recorded_at timestamptz)
        RETURNS TABLE (event_position bigint, event_stream_version integer)
        LANGUAGE plpgsql AS $$
      DECLARE
        v_row      record;
        v_appended boolean := false;
      BEGIN
        -- Held until COMMIT: the next writer can only take a position after this one is visible.
        PERFORM pg_advisory_xact_lock(4711000001);
        FOR v_row IN SELECT * FROM append_checked(p_stream_id, p_expected, p_events, p_recorded_at) LOOP
          IF v_row.outcome = 'wrong_expected_version' THEN
            RAISE EXCEPTION 'stream % is at version %, expected %', p_stream_id, v_row.actual_version, p_expected
              USING ERRCODE = 'ND001', DETAIL = v_row.actual_version::text;
          ELSIF v_row.outcome = 'event_id_conflict' THEN
            RAISE EXCEPTION 'event ids already stored with other content or in another stream or order'
              USING ERRCODE = 'ND002', DETAIL = p_stream_id;
          END IF;
          v_appended := v_row.outcome = 'appended';
          event_position := v_row.event_position;
          event_stream_version := v_row.event_stream_version;
          RETURN NEXT;
        END LOOP;
        -- Delivered at COMMIT; wakes projections and feeds on a real server (the embedded one polls).
        IF v_appended THEN
          PERFORM pg_notify('newsdesk_events', p_stream_id);
        END IF;
      END $$`);

    await queryRunner.query(`
      CREATE FUNCTION append_batch(p_appends jsonb, p_recorded_at timestamptz)
        RETURNS TABLE (append_index integer, outcome text, event_position bigint, event_stream_version integer, actual_version integer)
        LANGUAGE plpgsql AS $$
      -- p_appends: [{ "streamId", "expected", "events": [...] }, ...]; append_index is 1-based.
      DECLARE
        v_append  record;
        v_row     record;
        v_streams text[] := '{}';
      BEGIN
        -- One take of the ordering lock for the whole batch, held until COMMIT.
        PERFORM pg_advisory_xact_lock(4711000001);
        FOR v_append IN SELECT n.item, n.ord FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS n(item, ord) LOOP
          FOR v_row IN
            SELECT * FROM append_checked(v_append.item->>'streamId', v_append.item->>'expected', v_append.item->'events', p_recorded_at)
          LOOP
            append_index := v_append.ord;
            outcome := v_row.outcome;
            event_position := v_row.event_position;
            event_stream_version := v_row.event_stream_version;
            actual_version := v_row.actual_version;
            RETURN NEXT;
            IF v_row.outcome = 'appended' AND NOT v_append.item->>'streamId' = ANY (v_streams) THEN
              v_streams := v_streams || (v_append.item->>'streamId');
            END IF;
          END LOOP;
        END LOOP;
        -- Delivered at COMMIT, one per stream written.
        PERFORM pg_notify('newsdesk_events', s) FROM unnest(v_streams) AS s;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION append_batch(jsonb, timestamptz)`);
    // Back to the definition of 1764201600000-CreateEventStore, which does not need append_checked.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION append_to_stream(p_stream_id text, p_expected text, p_events jsonb, p_recorded_at timestamptz)
        RETURNS TABLE (event_position bigint, event_stream_version integer)
        LANGUAGE plpgsql AS $$
      DECLARE
        v_count   integer := jsonb_array_length(p_events);
        v_known   integer;
        v_current integer;
      BEGIN
        PERFORM pg_advisory_xact_lock(4711000001);
        SELECT count(*) INTO v_known
          FROM events e
          JOIN jsonb_array_elements(p_events) AS n(ev) ON e.event_id = (n.ev->>'eventId')::uuid;
        IF v_known > 0 THEN
          IF v_known = v_count AND NOT EXISTS (
               SELECT 1
                 FROM jsonb_array_elements(p_events) WITH ORDINALITY AS n(ev, ord)
                 LEFT JOIN events e ON e.event_id = (n.ev->>'eventId')::uuid
                WHERE e.event_id IS NULL
                   OR e.stream_id <> p_stream_id
                   OR e.type <> n.ev->>'type'
                   OR e.data <> n.ev->'data'
                   OR e.stream_version - n.ord <> (
                        SELECT min(f.stream_version) - 1 FROM events f
                         WHERE f.event_id IN (SELECT (x->>'eventId')::uuid FROM jsonb_array_elements(p_events) x)))
          THEN
            RETURN QUERY
              SELECT e.position, e.stream_version
                FROM jsonb_array_elements(p_events) WITH ORDINALITY AS n(ev, ord)
                JOIN events e ON e.event_id = (n.ev->>'eventId')::uuid
               ORDER BY n.ord;
            RETURN;
          END IF;
          RAISE EXCEPTION 'event ids already stored with other content or in another stream or order'
            USING ERRCODE = 'ND002', DETAIL = p_stream_id;
        END IF;
        SELECT coalesce(max(stream_version), 0) INTO v_current FROM events WHERE stream_id = p_stream_id;
        IF NOT (p_expected = 'any'
             OR (p_expected = 'no_stream' AND v_current = 0)
             OR (p_expected = 'stream_exists' AND v_current > 0)
             OR (p_expected ~ '^[0-9]+$' AND v_current = p_expected::integer)) THEN
          RAISE EXCEPTION 'stream % is at version %, expected %', p_stream_id, v_current, p_expected
            USING ERRCODE = 'ND001', DETAIL = v_current::text;
        END IF;
        RETURN QUERY
          WITH inserted AS (
            INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at)
            SELECT p_stream_id, v_current + n.ord::integer, (n.ev->>'eventId')::uuid, n.ev->>'type',
                   (n.ev->>'schemaVersion')::integer, n.ev->'data', n.ev->'metadata', p_recorded_at
              FROM jsonb_array_elements(p_events) WITH ORDINALITY AS n(ev, ord)
             ORDER BY n.ord
            RETURNING position, stream_version)
          SELECT i.position, i.stream_version FROM inserted i ORDER BY i.stream_version;
        PERFORM pg_notify('newsdesk_events', p_stream_id);
      END $$`);
    await queryRunner.query(`DROP FUNCTION append_checked(text, text, jsonb, timestamptz)`);
  }
}
