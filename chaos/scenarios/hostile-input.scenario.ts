import fc from 'fast-check';
import { ApiClient } from '../../bench/harness/api-client';
import { ServiceProcess } from '../../bench/harness/service-process';
import { casualtyReportBody, openStoryBody, revisionBody, statementBody } from '../../bench/harness/story-bodies';
import { ChaosScenario, verdictOf } from '../harness/chaos-context';
import { countEvents } from '../harness/store-checks';

const IN_FLIGHT = 8;

/** Every route of API.md except the endless `GET /events/live`; `:id` and `:version` are filled in per request. */
const ROUTES: readonly { method: 'GET' | 'POST'; path: string; validBody?: (counter: number) => Record<string, unknown> }[] = [
  { method: 'POST', path: '/stories', validBody: (counter) => openStoryBody(`hostile-${counter}`) },
  { method: 'POST', path: '/stories/:id/revisions', validBody: revisionBody },
  { method: 'POST', path: '/stories/:id/casualty-reports', validBody: casualtyReportBody },
  { method: 'POST', path: '/stories/:id/statements', validBody: statementBody },
  { method: 'POST', path: '/stories/:id/corrections', validBody: () => ({ targetEventId: '00000000-0000-4000-8000-000000000000', changes: { figure: { min: 1 } }, reason: 'x' }) },
  { method: 'POST', path: '/stories/:id/retractions', validBody: () => ({ targetEventId: '00000000-0000-4000-8000-000000000000', reason: 'x' }) },
  { method: 'POST', path: '/stories/:id/publications', validBody: () => ({ note: 'first edition' }) },
  { method: 'GET', path: '/stories' },
  { method: 'GET', path: '/stories/:id' },
  { method: 'GET', path: '/stories/:id/casualties' },
  { method: 'GET', path: '/stories/:id/statements' },
  { method: 'GET', path: '/statements' },
  { method: 'GET', path: '/stories/:id/corrections' },
  { method: 'GET', path: '/corrections' },
  { method: 'GET', path: '/stories/:id/versions' },
  { method: 'GET', path: '/stories/:id/versions/:version' },
  { method: 'GET', path: '/stories/:id/diff' },
  { method: 'GET', path: '/events' },
  { method: 'GET', path: '/stories/:id/events' },
  { method: 'GET', path: '/health' },
  { method: 'GET', path: '/auth/whoami' },
];

const QUERY_KEYS = ['minPosition', 'after', 'limit', 'types', 'from', 'to', 'speaker', 'organization', 'cursor', '__proto__', 'constructor'];

/** Header values a client can send at all (visible ASCII); the bytes beyond that are the raw-HTTP suites' job. */
const hostileHeader = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 300 }),
  fc.constantFrom('"1"', '"0"', 'W/"1"', '*', '"1", "2"', '"-1"', '"99999999999999999999"', '""', 'a'.repeat(2_000)),
);

const hostileText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom('', ' ', '-1', '0', '1e309', 'NaN', 'null', '[]', '{}', '9'.repeat(40), '%00', '../../etc/passwd', "' OR 1=1 --", '<script>', '\u0000', 'a'.repeat(5_000)),
  fc.integer().map(String),
  fc.double().map(String),
);

const hostileJson = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.anything({ maxDepth: 3 }).map((value) => safeJson(value)));

/** A request: route, id and version stand-ins, query, headers and body, all possibly hostile. */
const hostileRequest = fc.record({
  route: fc.constantFrom(...ROUTES),
  id: fc.oneof({ arbitrary: fc.constant('known'), weight: 4 }, { arbitrary: fc.uuid(), weight: 1 }, { arbitrary: hostileText, weight: 1 }),
  version: fc.oneof(fc.nat(3_000).map(String), hostileText),
  query: fc.dictionary(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string()), hostileText, { maxKeys: 4 }),
  headers: fc.record(
    {
      'if-match': hostileHeader,
      'idempotency-key': hostileHeader,
      'x-correlation-id': hostileHeader,
      'content-type': fc.constantFrom('application/json', 'text/plain', 'application/json; charset=latin1', 'multipart/form-data', ''),
      authorization: fc.constantFrom('editor', 'reporter', 'consumer', 'none', 'Bearer nonsense', 'Basic abc'),
    },
    { requiredKeys: ['authorization'] },
  ),
  body: fc.oneof(
    { arbitrary: fc.constant('valid'), weight: 2 },
    { arbitrary: fc.record({ field: fc.string({ maxLength: 12 }), value: hostileJson }), weight: 4 },
    { arbitrary: hostileJson, weight: 2 },
    { arbitrary: fc.string().map((text) => ({ raw: text })), weight: 2 },
    { arbitrary: fc.nat(500).map((depth) => ({ raw: '['.repeat(depth * 20) + ']'.repeat(depth * 20) })), weight: 1 },
  ),
});

/**
 * Thousands of generated requests (fast-check, seed printed so a failure can be replayed) at every
 * route: mutated valid bodies, random JSON, broken JSON, deep nesting, hostile ids, queries and
 * headers. No answer may be a 5xx (503 aside: it is the documented "not reached within the wait"),
 * and the store must grow by exactly the number of 201s: nothing stored from a rejected request.
 */
export const hostileInputScenario: ChaosScenario = {
  id: 5,
  name: 'Hostile input at every route',
  async run(context) {
    const service = await ServiceProcess.start({ databaseUrl: context.database.url, apiKeys: context.keys.variable });
    try {
      const reporter = new ApiClient(service.url, context.keys.reporter);
      const { storyId } = await reporter.create('/stories', openStoryBody(`hostile-known-${Date.now()}`));
      const eventsBefore = await countEvents(context.database.url);
      const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 2_147_483_647);
      const requests = fc.sample(hostileRequest, { numRuns: context.sizes.hostileRequests, seed });
      const statuses: Record<string, number> = {};
      const serverErrors: string[] = [];
      let created = 0;
      let next = 0;
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          while (next < requests.length) {
            const request = requests[next++];
            const sent = buildRequest(request, storyId, next, { ...context.keys });
            let status: number;
            try {
              const response = await fetch(service.url + sent.path, { method: sent.method, headers: sent.headers, body: sent.body, signal: AbortSignal.timeout(15_000) });
              status = response.status;
              const text = await response.text();
              if (status >= 500 && status !== 503) serverErrors.push(`${sent.method} ${sent.path} → ${status} ${text.slice(0, 200)}`);
            } catch (error) {
              // The client refused to send it (an invalid header value), or no answer came at all.
              const reason = (error as Error).name === 'TypeError' && !(error as { cause?: unknown }).cause ? 'unsendable' : 'no answer';
              statuses[reason] = (statuses[reason] ?? 0) + 1;
              const cause = (error as { cause?: { code?: string; message?: string } }).cause;
              if (reason === 'no answer') serverErrors.push(`${sent.method} ${sent.path} → no answer (${cause?.code ?? ''} ${cause?.message ?? (error as Error).message}; headers ${JSON.stringify(sent.headers).slice(0, 300)}; body ${String(sent.body).slice(0, 100)})`);
              continue;
            }
            statuses[status] = (statuses[status] ?? 0) + 1;
            if (status === 201) created++;
          }
        }),
      );
      const stored = (await countEvents(context.database.url)) - eventsBefore;
      const alive = await fetch(`${service.url}/health`).then((response) => response.status === 200, () => false);
      return verdictOf(this, `seed ${seed}, ${requests.length} requests: ${JSON.stringify(statuses)}; ${stored} events stored for ${created} × 201`, {
        [`no 5xx other than 503 (${serverErrors.slice(0, 3).join(' | ')})`]: serverErrors.length === 0,
        'events stored = 201 answers': stored === created,
        'the service is healthy afterwards': alive,
      });
    } finally {
      await service.stop();
    }
  },
};

type HostileRequest = typeof hostileRequest extends fc.Arbitrary<infer T> ? T : never;

function buildRequest(request: HostileRequest, storyId: string, counter: number, keys: Record<string, string>): { method: string; path: string; headers: Record<string, string>; body?: string } {
  const id = request.id === 'known' ? storyId : encodeURIComponent(request.id);
  const path = request.route.path.replace(':id', id).replace(':version', encodeURIComponent(request.version));
  const query = new URLSearchParams(Object.entries(request.query)).toString();
  const { authorization, ...rest } = request.headers;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(rest)) if (value !== undefined && value !== '') headers[name] = value;
  // fetch would label a string body text/plain: without a generated type, say JSON so bodies reach validation.
  if (request.route.method === 'POST' && !('content-type' in request.headers)) headers['content-type'] = 'application/json';
  if (['editor', 'reporter', 'consumer'].includes(authorization)) headers.authorization = `Bearer ${keys[authorization]}`;
  else if (authorization !== 'none') headers.authorization = authorization;
  let body: string | undefined;
  if (request.route.method === 'POST') {
    const valid = request.route.validBody?.(counter) ?? {};
    const shape = request.body;
    if (shape === 'valid') body = JSON.stringify(valid);
    else if (isRaw(shape)) body = shape.raw;
    else if (isFieldMutation(shape)) body = JSON.stringify({ ...valid, [shape.field || Object.keys(valid)[0] || 'x']: shape.value });
    else body = JSON.stringify(shape);
  }
  return { method: request.route.method, path: query ? `${path}?${query}` : path, headers, body };
}

function isRaw(shape: unknown): shape is { raw: string } {
  return typeof shape === 'object' && shape !== null && Object.keys(shape).length === 1 && typeof (shape as { raw?: unknown }).raw === 'string';
}

function isFieldMutation(shape: unknown): shape is { field: string; value: unknown } {
  return typeof shape === 'object' && shape !== null && 'field' in shape && 'value' in shape && Object.keys(shape).length === 2;
}

/** `fc.anything()` may hold values JSON cannot carry (undefined, bigint, cycles-free but odd objects). */
function safeJson(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value, (_key, inner) => (typeof inner === 'bigint' ? inner.toString() : inner)) ?? 'null');
  } catch {
    return null;
  }
}
