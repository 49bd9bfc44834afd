import { jest } from '@jest/globals';
import type { ReadAllOptions, StoredEvent } from '../event-store/event-store.types';
import { SharedEventReads } from './shared-event-reads';

describe('SharedEventReads', () => {
  function storeAnsweringLater() {
    const pending: Array<(events: StoredEvent[]) => void> = [];
    const readAll = jest.fn((_options?: ReadAllOptions) => new Promise<StoredEvent[]>((resolve) => pending.push(resolve)));
    return { readAll, answer: (events: StoredEvent[]) => pending.shift()!(events) };
  }

  it('answers concurrent reads of the same page with one read of the store', async () => {
    const store = storeAnsweringLater();
    const reads = new SharedEventReads(store);
    const first = reads.readAll({ after: 7, limit: 500 });
    const second = reads.readAll({ after: 7, limit: 500 });
    expect(store.readAll).toHaveBeenCalledTimes(1);
    const page = [{ position: 8 } as StoredEvent];
    store.answer(page);
    await expect(first).resolves.toBe(page);
    await expect(second).resolves.toBe(page);
  });

  it('reads again for another page, and once the shared read has settled', async () => {
    const store = storeAnsweringLater();
    const reads = new SharedEventReads(store);
    const at7 = reads.readAll({ after: 7, limit: 500 });
    const at9 = reads.readAll({ after: 9, limit: 500 });
    const oneAt7 = reads.readAll({ after: 7, limit: 1 });
    expect(store.readAll.mock.calls.map(([options]) => options)).toEqual([
      { after: 7, limit: 500 },
      { after: 9, limit: 500 },
      { after: 7, limit: 1 },
    ]);
    store.answer([]);
    store.answer([]);
    store.answer([]);
    await Promise.all([at7, at9, oneAt7]);
    void reads.readAll({ after: 7, limit: 500 });
    expect(store.readAll).toHaveBeenCalledTimes(4);
  });

  it('does not keep a failed read: the next caller asks the store again', async () => {
    const readAll = jest.fn<(options?: ReadAllOptions) => Promise<StoredEvent[]>>().mockRejectedValueOnce(new Error('connection lost')).mockResolvedValue([]);
    const reads = new SharedEventReads({ readAll });
    await expect(reads.readAll({ after: 1, limit: 10 })).rejects.toThrow('connection lost');
    await expect(reads.readAll({ after: 1, limit: 10 })).resolves.toEqual([]);
    expect(readAll).toHaveBeenCalledTimes(2);
  });
});
