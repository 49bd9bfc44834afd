import type { Response } from 'supertest';
import { PROBLEM_TYPE_BASE } from '../../src/http/problem-details/problem-details';
import type { ProblemDetails } from '../../src/http/problem-details/problem-details';

export interface ExpectedProblem {
  /** The problem's `code` (and so its `type`). */
  code?: string;
  /** Exactly these fields in `errors` (any order, duplicates ignored). */
  fields?: string[];
}

/**
 * Asserts that a response is an RFC 9457 problem of the given status — content type, the
 * `{ type, title, status, detail, code }` members, `type` built from `code`, the request id of the
 * body matching `X-Request-Id` — and optionally its code and the fields its `errors` name.
 * Returns the body for further checks.
 */
export function expectProblem(response: Response, status: number, expected: ExpectedProblem = {}): ProblemDetails {
  const body = response.body as ProblemDetails;
  const summary = `${response.status} ${JSON.stringify(body)}`;
  expect({ status: response.status, summary }).toEqual({ status, summary });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(body).toEqual(
    expect.objectContaining({
      type: `${PROBLEM_TYPE_BASE}${body.code}`,
      title: expect.any(String),
      status,
      detail: expect.any(String),
      code: expect.stringMatching(/^[a-z][a-z0-9_]*$/),
    }),
  );
  expect(body.title.length).toBeGreaterThan(0);
  expect(body.requestId).toBe(response.headers['x-request-id']);
  if (expected.code !== undefined) expect(body.code).toBe(expected.code);
  if (expected.fields !== undefined) {
    const fields = [...new Set((body.errors ?? []).map((error) => error.field))].sort();
    expect(fields).toEqual([...new Set(expected.fields)].sort());
  }
  return body;
}

/** The `errors` of a problem as `field: message` lines, easy to compare in a test. */
export function problemFieldMessages(body: ProblemDetails): string[] {
  return (body.errors ?? []).map((error) => `${error.field}: ${error.message}`);
}
