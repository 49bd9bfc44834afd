/** Socket errors that mean the database server could not be reached. */
const NETWORK_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** SQLSTATE classes 08 (connection exception) and 57P0x (server shutting down), and 53300 (too many connections). */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-4]$|53300$)/;

/** What node-postgres says when the pool cannot connect or a connection dies mid-query. */
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Connection is not established/i;

/**
 * True when an error means "the database is down or unreachable", which is the server's trouble
 * rather than the request's: answered 503 with Retry-After instead of a generic 500. The error
 * may be the driver's own or wrapped by TypeORM (`driverError`) or by another error (`cause`).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const candidate of [error, field(error, 'driverError'), field(error, 'cause')]) {
    if (!(candidate instanceof Error)) continue;
    const code = field(candidate, 'code');
    if (typeof code === 'string' && (NETWORK_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    if (UNAVAILABLE_MESSAGE.test(candidate.message)) return true;
  }
  return false;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
