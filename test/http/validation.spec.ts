import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { expectProblem, problemFieldMessages } from '../support/expect-problem';
import { createTestApp } from './test-app';
import { validReport } from './test-routes';

describe('request validation (400 with errors: [{ field, message }])', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const postReport = (body: unknown) => request(app.getHttpServer()).post('/test-echo/reports').send(body as object);

  it('accepts a valid body, keeping its JSON types and building the nested DTOs', async () => {
    const response = await postReport(validReport()).expect(201);
    expect(response.body.received).toEqual(validReport());
    expect(response.body.isReportRequest).toBe(true);
    expect(response.body.figureIsFigureRequest).toBe(true);
  });

  it('names every missing required field', async () => {
    const body = expectProblem(await postReport({}), 400, { code: 'validation_failed', fields: ['party', 'category', 'figure', 'source', 'asOf'] });
    expect(body.detail).toMatch(/5 invalid fields/);
  });

  it('names unknown fields, at the top and nested, as not allowed', async () => {
    const body = expectProblem(await postReport({ ...validReport(), extra: 1, figure: { min: 1, unit: 'people' } }), 400, {
      code: 'validation_failed',
      fields: ['extra', 'figure.unit'],
    });
    expect(problemFieldMessages(body)).toEqual(expect.arrayContaining(['extra: is not allowed', 'figure.unit: is not allowed']));
  });

  it('names nested fields by their full dotted path', async () => {
    const body = expectProblem(await postReport({ ...validReport(), figure: { min: -1 }, source: { name: '' } }), 400, { fields: ['figure.min', 'source.name'] });
    expect(problemFieldMessages(body)).toEqual(expect.arrayContaining(['figure.min: must not be less than 0', 'source.name: should not be empty']));
  });

  it('does not convert "33" into 33: a string where a number belongs is refused', async () => {
    const body = expectProblem(await postReport({ ...validReport(), figure: { min: '33' } }), 400, { fields: ['figure.min'] });
    expect(problemFieldMessages(body)).toContain('figure.min: must be an integer number');
  });

  it.each([
    ['a string', 'thirty-three'],
    ['a number', 33],
    ['null', null],
    ['an array of valid objects', [{ min: 33 }]],
  ])('refuses %s where an object belongs', async (_name, figure) => {
    const body = expectProblem(await postReport({ ...validReport(), figure }), 400, { fields: ['figure'] });
    expect(problemFieldMessages(body)).toContain('figure: must be an object');
  });

  it('names failing array elements by index, for plain values and for nested objects', async () => {
    const body = expectProblem(
      await postReport({ ...validReport(), bylines: ['Ok', 'Fine', 7, 'Good', false], speakers: [{ name: 'x' }, { name: 'y' }, { role: 'z' }] }),
      400,
      { fields: ['bylines.2', 'bylines.4', 'speakers.2.name', 'speakers.2.role'] },
    );
    expect(problemFieldMessages(body)).toEqual(
      expect.arrayContaining(['bylines.2: must be a string', 'bylines.4: must be a string', 'speakers.2.role: is not allowed']),
    );
  });

  it.each([
    ['an array', [validReport()], 'must be a JSON object, not an array'],
    ['null', null, 'must be a JSON object, not null'],
    ['a string', 'report', 'must be a JSON object, not a string'],
    ['a number', 33, 'must be a JSON object, not a number'],
  ])('refuses %s as the whole body', async (_name, value, message) => {
    const response = await request(app.getHttpServer()).post('/test-echo/reports').set('Content-Type', 'application/json').send(JSON.stringify(value));
    const body = expectProblem(response, 400, { code: 'validation_failed', fields: [''] });
    expect(problemFieldMessages(body)).toEqual([`: ${message}`]);
  });

  it('lets a body of optional fields be left out entirely', async () => {
    const response = await request(app.getHttpServer()).post('/test-echo/notes').expect(201);
    expect(response.body).toEqual({ note: null });
  });

  it('caps the list of errors for a body with thousands of bad fields', async () => {
    const body = Object.fromEntries(Array.from({ length: 3000 }, (_, index) => [`field${index}`, index]));
    const problem = expectProblem(await postReport(body), 400, { code: 'validation_failed' });
    expect(problem.errors!.length).toBe(100);
  });
});
