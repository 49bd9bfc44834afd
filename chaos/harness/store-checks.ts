import { Client } from 'pg';
import { AcknowledgedWrite } from './write-load';

/** What the store holds, checked straight in PostgreSQL (not through the service under test). */
export interface StoreAudit {
  events: number;
  /** Acknowledged writes whose event id is not stored, or stored at another version or position. */
  missingAcknowledged: number;
  duplicateEventIds: number;
  /** Streams whose versions are not exactly 1..n. */
  streamsWithGaps: number;
}

export async function auditStore(databaseUrl: string, acknowledged: readonly AcknowledgedWrite[]): Promise<StoreAudit> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [{ events, duplicates }] = (await client.query('SELECT count(*)::int AS events, (count(*) - count(DISTINCT event_id))::int AS duplicates FROM events')).rows;
    const [{ gaps }] = (
      await client.query(
        `SELECT count(*)::int AS gaps FROM (
           SELECT stream_id FROM events GROUP BY stream_id HAVING count(*) <> max(stream_version) OR min(stream_version) <> 1) AS broken`,
      )
    ).rows;
    const { rows } = await client.query<{ event_id: string; stream_version: number; position: string }>(
      'SELECT event_id::text, stream_version, position FROM events WHERE event_id = ANY($1::uuid[])',
      [acknowledged.map((write) => write.eventId)],
    );
    const stored = new Map(rows.map((row) => [row.event_id, row]));
    const missing = acknowledged.filter((write) => {
      const row = stored.get(write.eventId);
      return !row || row.stream_version !== write.version || Number(row.position) !== write.position;
    }).length;
    return { events, missingAcknowledged: missing, duplicateEventIds: duplicates, streamsWithGaps: gaps };
  } finally {
    await client.end();
  }
}

export async function countEvents(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query('SELECT count(*)::int AS events FROM events')).rows[0].events;
  } finally {
    await client.end();
  }
}
