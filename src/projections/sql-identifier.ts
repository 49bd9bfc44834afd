/** Quotes a schema or table name for SQL; the names come from validated projection and table names. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
