import type { ProjectionTransaction } from '../../projections/projection';
import type { DevelopmentInBatch } from './correctable-developments';
import { RecordColumns, insertRows, updateRows } from './recordset';

/** Columns a table keeps beyond the common ones, derived from a development's data (e.g. lookup keys). */
export interface DerivedColumns<Data> {
  columns: RecordColumns;
  of(data: Data): object;
}

const CHANGING = { event_id: 'uuid', data: 'jsonb', corrected: 'boolean', retracted: 'boolean' };
const RECORDED = { story_id: 'uuid', position: 'bigint', recorded_at: 'timestamptz' };

/**
 * Writes what a batch did to a table of developments as they stand now (`event_id`, `story_id`,
 * `position`, `recorded_at`, `data`, `corrected`, `retracted`, and any `derived` columns): one
 * insert for those it recorded, one update for stored ones it corrected or retracted (flags only
 * ever go from false to true).
 */
export async function saveDevelopments<Data>(
  tx: ProjectionTransaction,
  table: string,
  touched: readonly DevelopmentInBatch<Data>[],
  derived: DerivedColumns<Data> = { columns: {}, of: () => ({}) },
): Promise<void> {
  const changing = (development: DevelopmentInBatch<Data>) => ({
    event_id: development.eventId,
    data: development.data,
    corrected: development.corrected,
    retracted: development.retracted,
    ...derived.of(development.data),
  });
  const inserted = touched.flatMap((development) => {
    const event = development.recordedBy;
    return event === null ? [] : [{ ...changing(development), story_id: development.storyId, position: event.position, recorded_at: event.recordedAt }];
  });
  await insertRows(tx, table, { ...CHANGING, ...derived.columns, ...RECORDED }, inserted);
  const assignments = [
    'data = r.data',
    'corrected = t.corrected OR r.corrected',
    'retracted = t.retracted OR r.retracted',
    ...Object.keys(derived.columns).map((column) => `${column} = r.${column}`),
  ];
  const updated = touched.filter((development) => development.recordedBy === null).map(changing);
  await updateRows(tx, table, 'event_id', { ...CHANGING, ...derived.columns }, assignments.join(', '), updated);
}
