import { jest } from '@jest/globals';
import { Client } from 'pg';
import { ApplierSession } from '../../src/projections/applier-session';
import { describeOnRealServer, testDatabaseUrl } from '../support/test-database';

describeOnRealServer('ApplierSession', () => {
  let inFlight = 0;
  let mostInFlight = 0;
  let spy: { mockRestore(): void };

  beforeAll(() => {
    const query = Client.prototype.query;
    // Counts the session's queries still running when another is sent (pg 9 refuses such a query).
    spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: unknown[]) {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      const result = (query as (...a: unknown[]) => Promise<unknown>).apply(this, args);
      return result.finally(() => inFlight--);
    } as never);
  });
  afterAll(() => spy.mockRestore());

  it('takes the locks of projections asking at once one query at a time, and holds each', async () => {
    const session = new ApplierSession(testDatabaseUrl(), () => undefined);
    const other = new ApplierSession(testDatabaseUrl(), () => undefined);
    try {
      const names = ['session_a', 'session_b', 'session_c', 'session_d', 'session_e'];
      mostInFlight = 0;
      expect(await Promise.all(names.map((name) => session.tryHold(name)))).toEqual([true, true, true, true, true]);
      expect(mostInFlight).toBe(1);
      // Held by the first session, so another connection cannot take them.
      expect(await Promise.all(names.map((name) => other.tryHold(name)))).toEqual([false, false, false, false, false]);
      expect(mostInFlight).toBe(1);
    } finally {
      await session.stop();
      await other.stop();
    }
  });
});
