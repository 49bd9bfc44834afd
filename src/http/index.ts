/*
 * The HTTP core's contract for the rooms that add routes. Controllers use the decorators; nothing
 * here is needed to report errors, which are thrown as `DomainError` (src/errors) and answered by
 * the global problem-details filter.
 */
export { IF_MATCH_HEADER, IfMatchVersion, parseIfMatch } from './concurrency/if-match';
export { RespondsWithVersionETag, setVersionETag, versionETag, VersionETagInterceptor } from './concurrency/version-etag';
export { ApiProblemResponse, PROBLEM_SCHEMA_REF } from './openapi/problem-details.schema';
export { HttpProblem, invalidHeader, invalidInput } from './problem-details/http-problem';
export { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE, problemType } from './problem-details/problem-details';
export type { FieldError, ProblemDetails } from './problem-details/problem-details';
export { CORRELATION_ID_HEADER, REQUEST_ID_HEADER, RequestContext, requestContextOf } from './request-context/request-context';
export { NestedObject, NestedObjectArray } from './validation/nested-dto.decorators';
