import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only event log and the one function that writes to it.
 *
 * Ordering: `append_to_stream` takes a transaction-scoped advisory lock before it reads the stream
 * version and inserts, so positions are handed out in commit order (see src/event-store/event-store.ts).
 * The lock key 4_711_000_001 is reserved for this; projections use other keys.
 */
export class CreateEventStore1764201600000 implements MigrationInterface {
  name = 'CreateEventStore1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE events (
        position       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream_id      text        NOT NULL CHECK (length(stream_id) BETWEEN 1 AND 200),
        stream_version integer     NOT NULL CHECK (stream_version > 0),
        event_id       uuid        NOT NULL,
        type           text        NOT NULL CHECK (length(type) BETWEEN 1 AND 100),
        schema_version integer     NOT NULL CHECK (schema_version > 0),
        data           jsonb       NOT NULL,
        metadata       jsonb       NOT NULL,
        recorded_at    timestamptz NOT NULL,
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version),
        CONSTRAINT events_event_id_unique UNIQUE (event_id)
      )`);
    await queryRunner.query(`CREATE INDEX events_type_position ON events (type, position)`);

    await queryRunner.query(`
      CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the events table is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'ND000',
                HINT = 'An event is never changed or removed; a mistake is fixed by appending a new event (a correction or a retraction).';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER events_refuse_update_delete BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION events_refuse_change()`);
    // TRUNCATE fires no row trigger, so it needs a statement trigger of its own.
    await queryRunner.query(`
      CREATE TRIGGER events_refuse_truncate BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change()`);

    await queryRunner.query(`
      CREATE FUNCTION append_to_stream(p_stream_id text, p_expected text, p_events jsonb, p_recorded_at timestamptz)
        RETURNS TABLE (event_position bigint, event_stream_version integer)
        LANGUAGE plpgsql AS $$
      DECLARE
        v_count   integer := jsonb_array_length(p_events);
        v_known   integer;
        v_current integer;
      BEGIN
        -- Held until COMMIT: the next writer can only take a position after this one is visible.
        PERFORM pg_advisory_xact_lock(4711000001);

        -- Idempotency by event id: a batch already stored returns its first result, writes nothing.
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

        -- Delivered at COMMIT; wakes projections and feeds on a real server (the embedded one polls).
        PERFORM pg_notify('newsdesk_events', p_stream_id);
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION append_to_stream(text, text, jsonb, timestamptz)`);
    await queryRunner.query(`DROP TABLE events`);
    await queryRunner.query(`DROP FUNCTION events_refuse_change()`);
  }
}
