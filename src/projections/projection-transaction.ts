import type { QueryRunner } from 'typeorm';
import type { ProjectionTransaction } from './projection';

/** The projection's view of a TypeORM transaction: rows back for every statement, whatever its kind. */
export function projectionTransaction(queryRunner: QueryRunner): ProjectionTransaction {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
      const result = await queryRunner.query(sql, [...params], true);
      return (result.records ?? []) as Row[];
    },
  };
}
