import { jest } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store';
import { ProjectionCheckpoints } from '../../src/projections/projection-checkpoints';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { newStreamId, testEvent } from '../support/event-factory';
import { openTestDataSource, testAppConfig } from '../support/test-database';
import { eventually, startToyApp } from './support/toy-app';
import { createToyTables, startToysAtHead, toyCounter, toySnapshot } from './support/toy-projections';

const Exact = toyCounter('toy_exact', 'ExactCounted');
const Failing = toyCounter('toy_failing', 'FailingCounted');
const Healthy = toyCounter('toy_healthy', 'HealthyCounted');

describe('projection runner', () => {
  let dataSource: DataSource;
  let app: INestApplication;
  let store: EventStore;
  let runner: ProjectionRunner;

  beforeAll(async () => {
    dataSource = await openTestDataSource(2);
    const names = ['toy_exact', 'toy_failing', 'toy_healthy'];
    for (const name of names) await createToyTables(dataSource, name);
    await startToysAtHead(dataSource, names);
    app = await startToyApp(
      testAppConfig({ NEWSDESK_PROJECTION_BATCH_SIZE: '7', NEWSDESK_PROJECTION_RETRY_MAX_MS: '200', NEWSDESK_MIN_POSITION_WAIT_MS: '300' }),
      [Exact, Failing, Healthy],
      ['toy_exact'],
    );
    store = app.get(EventStore);
    runner = app.get(ProjectionRunner);
  });
  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
  });

  const caughtUp = async (name: string) => (await runner.currentPosition(name)) === (await store.headPosition());

  it('applies every handled event exactly once, in small batches, and steps over the others', async () => {
    const streams = [newStreamId(), newStreamId(), newStreamId()];
    const expected = new Map<string, number>();
    for (let i = 0; i < 60; i++) {
      const stream = streams[i % streams.length];
      // Mixed with events the projection does not handle, which only move its checkpoint.
      const events = [testEvent('ExactCounted', { i }), testEvent('SomethingElse', { i })];
      await store.appendToStream(stream, events, { expectedVersion: 'any' });
      expected.set(stream, (expected.get(stream) ?? 0) + 1);
    }
    await eventually('toy_exact catches up', () => caughtUp('toy_exact'));

    const snapshot = await toySnapshot(dataSource, 'toy_exact');
    expect(snapshot.seen).toHaveLength(60);
    expect(snapshot.seen.every((row) => row.times === 1)).toBe(true);
    expect(new Map(snapshot.counts.map((row) => [row.stream_id, row.events]))).toEqual(expected);
    // 120 events at 7 per batch: many batches, each applied once.
    expect(app.get(Exact).applied).toBe(60);
  });

  it('reports a failing projection as stuck on its event in /health (503), keeps the others running, and resumes once the cause is fixed', async () => {
    const stream = newStreamId();
    await store.appendToStream(stream, [testEvent('FailingCounted'), testEvent('HealthyCounted')], { expectedVersion: 'no_stream' });
    const poison = testEvent('FailingCounted', { poison: true });
    await store.appendToStream(stream, [testEvent('FailingCounted'), poison, testEvent('FailingCounted')], { expectedVersion: 2 });
    const { positions } = await store.appendToStream(stream, [testEvent('HealthyCounted')], { expectedVersion: 5 });

    // The other projection goes past the poisoned event.
    await eventually('toy_healthy catches up', () => caughtUp('toy_healthy'));
    expect((await toySnapshot(dataSource, 'toy_healthy')).counts).toEqual([{ stream_id: stream, events: 2, last_position: String(positions[0]) }]);

    let health: request.Response | undefined;
    await eventually('/health reports toy_failing', async () => {
      health = await request(app.getHttpServer()).get('/health');
      return health.status === 503;
    });
    const failing = health!.body.projections.find((projection: { name: string }) => projection.name === 'toy_failing');
    expect(failing.error).toContain(`stuck at event ${poison.eventId}`);
    expect(failing.error).toContain('FailingCounted');
    expect(failing.error).toContain(`poisoned event ${poison.eventId}`);
    // Stopped right before the poisoned event: the one before it is in, the one after is not.
    const stuckAt = (await store.readStream(stream)).find((event) => event.eventId === poison.eventId)!.position;
    expect(failing.position).toBe(stuckAt - 1);
    expect(failing.lag).toBeGreaterThan(0);
    expect((await toySnapshot(dataSource, 'toy_failing')).seen.filter((row) => row.stream_id === stream)).toHaveLength(2);
    expect(health!.body.projections.find((projection: { name: string }) => projection.name === 'toy_healthy').error).toBeNull();

    app.get(Failing).cured.add(poison.eventId);
    await eventually('toy_failing resumes', () => caughtUp('toy_failing'));
    const recovered = await request(app.getHttpServer()).get('/health').expect(200);
    expect(recovered.body.projections.every((projection: { error: string | null }) => projection.error === null)).toBe(true);
    const seen = (await toySnapshot(dataSource, 'toy_failing')).seen.filter((row) => row.stream_id === stream);
    expect(seen).toHaveLength(4);
    expect(seen.every((row) => row.times === 1)).toBe(true);
  });

  describe('reads with ?minPosition', () => {
    it('waits until the projection has reached the position of a write, then answers with X-Projection-Position', async () => {
      const { positions } = await store.appendToStream(newStreamId(), [testEvent('ExactCounted')], { expectedVersion: 'no_stream' });
      const response = await request(app.getHttpServer()).get(`/toy/toy_exact?minPosition=${positions[0]}`).expect(200);
      expect(Number(response.headers['x-projection-position'])).toBeGreaterThanOrEqual(positions[0]);
      const snapshot = await toySnapshot(dataSource, 'toy_exact');
      expect(snapshot.seen.map((row) => Number(row.position))).toContain(positions[0]);
    });

    it('answers 503 with the projection position when the position is not reached within the wait', async () => {
      const beyond = (await store.headPosition()) + 1_000;
      const response = await request(app.getHttpServer()).get(`/toy/toy_exact?minPosition=${beyond}`).expect(503);
      expect(response.body).toMatchObject({ status: 503, code: 'projection_behind', retryAfterSeconds: 1, projection: 'toy_exact', minPosition: beyond });
      expect(response.headers['retry-after']).toBe('1');
      const position = Number(response.headers['x-projection-position']);
      expect(position).toBeLessThan(beyond);
      expect(response.body.position).toBe(position);
    });

    it('answers X-Projection-Position without minPosition too, and refuses a malformed one', async () => {
      const plain = await request(app.getHttpServer()).get('/toy/toy_exact').expect(200);
      expect(Number(plain.headers['x-projection-position'])).toBe(await runner.currentPosition('toy_exact'));
      for (const bad of ['-1', 'abc', '1.5', '']) {
        const response = await request(app.getHttpServer()).get(`/toy/toy_exact?minPosition=${bad}`).expect(400);
        expect(response.body).toMatchObject({ code: 'invalid_min_position', errors: [{ field: 'minPosition', message: expect.any(String) }] });
      }
    });

    it('waitForPosition returns as soon as the checkpoint passes the position', async () => {
      const { positions } = await store.appendToStream(newStreamId(), [testEvent('ExactCounted')], { expectedVersion: 'no_stream' });
      const wait = await runner.waitForPosition('toy_exact', positions[0], 10_000);
      expect(wait.reached).toBe(true);
      expect(wait.position).toBeGreaterThanOrEqual(positions[0]);
      expect(await runner.waitForPosition('toy_exact', wait.position + 1_000, 50)).toEqual({ reached: false, position: expect.any(Number) });
    });

    it('serves concurrent reads from one checkpoint query, never above the real checkpoint, and reads again for a newer position', async () => {
      const checkpoints = app.get(ProjectionCheckpoints);
      const queries = jest.spyOn(checkpoints, 'position');
      try {
        const waits = await Promise.all(Array.from({ length: 20 }, () => runner.waitForPosition('toy_exact', 0, 0)));
        expect(queries.mock.calls.length).toBeLessThanOrEqual(1);
        const actual = await runner.currentPosition('toy_exact');
        for (const wait of waits) expect(wait).toEqual({ reached: true, position: waits[0].position });
        expect(waits[0].position).toBeLessThanOrEqual(actual);

        // A position beyond the remembered one is never answered from memory.
        const { positions } = await store.appendToStream(newStreamId(), [testEvent('ExactCounted')], { expectedVersion: 'no_stream' });
        queries.mockClear();
        await expect(runner.waitForPosition('toy_exact', positions[0], 5_000)).resolves.toEqual({ reached: true, position: expect.any(Number) });
        expect(queries).toHaveBeenCalled();
      } finally {
        queries.mockRestore();
      }
    });
  });
});
