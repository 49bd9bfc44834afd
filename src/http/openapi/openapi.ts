import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE } from '../problem-details/problem-details';
import { PROBLEM_SCHEMA_NAME, PROBLEM_SCHEMA_REF, problemDetailsSchema } from './problem-details.schema';

export const DOCS_PATH = 'docs';
export const BEARER_SCHEME = 'apiKey';

/** Routes that need no key (API.md); `/docs` itself is served outside the controllers. */
const PUBLIC_PATHS = new Set(['/health']);

const DESCRIPTION = `
Event-sourced news desk: every development of a story is an immutable event; reads come from projections.

**Authentication.** \`Authorization: Bearer <key>\` on every route except \`GET /health\` and \`/docs\`.

**Errors.** Every error is \`${PROBLEM_CONTENT_TYPE}\` (RFC 9457): \`{ type, title, status, detail, code, requestId }\`.
\`code\` is stable and machine-readable; \`type\` is \`${PROBLEM_TYPE_BASE}<code>\`. Invalid input (400) adds
\`errors: [{ field, message }]\`, each field named by its path (\`figure.min\`, \`source.name\`, \`bylines.2\`) and
unknown fields reported as "is not allowed". 412 adds \`currentVersion\`; 429 and 503 send \`Retry-After\`.

**Requests.** Bodies are JSON (\`Content-Type: application/json\`, UTF-8, at most the configured limit, 256 KiB by
default): another type answers 415, a larger body 413, malformed JSON 400. \`X-Correlation-Id\` (optional, up to 200
printable characters) is stored with the events a request writes; it and \`X-Request-Id\` are echoed on every response.

**Writes.** Answer 201 \`{ storyId, eventId, version, position }\` with \`ETag: "<version>"\`. \`If-Match: "<version>"\`
makes a write conditional (412 when the story moved on). \`Idempotency-Key\` makes a retry safe.
`.trim();

/** Serves Swagger UI at `/docs` and the OpenAPI document at `/docs-json`, built on first request from the routes' decorators. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Newsdesk API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key issued to a reporter, editor, consumer or admin.' }, BEARER_SCHEME)
    .build();
  SwaggerModule.setup(DOCS_PATH, app, () => withSharedErrors(SwaggerModule.createDocument(app, config)), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    customSiteTitle: 'Newsdesk API',
  });
}

/**
 * Adds the problem-details schema, a `default` problem answer to every operation that does not
 * document one, and the bearer requirement to every operation but the public ones.
 */
export function withSharedErrors(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA_NAME]: problemDetailsSchema } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const) {
      const operation = item[method];
      if (!operation) continue;
      operation.responses = {
        default: { description: 'An error, as problem details', content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_SCHEMA_REF } } } },
        ...operation.responses,
      };
      operation.security ??= PUBLIC_PATHS.has(path) ? [] : [{ [BEARER_SCHEME]: [] }];
    }
  }
  return document;
}
