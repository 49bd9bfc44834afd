import { BadRequestException, ForbiddenException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { DomainError } from '../../errors/domain-error';
import { EventIdConflictError, InvalidAppendError, WrongExpectedVersionError } from '../../event-store/event-store.errors';
import { problemFromError } from './problem-from-error';

describe('problemFromError', () => {
  it('maps each DomainError kind to its status, details as extension members', () => {
    const statuses = (['invalid_input', 'not_found', 'conflict', 'precondition_failed', 'rule_violated', 'unavailable'] as const).map(
      (kind) => problemFromError(new DomainError('some_code', 'Said.', kind)).status,
    );
    expect(statuses).toEqual([400, 404, 409, 412, 422, 503]);
    expect(problemFromError(new DomainError('version_mismatch', 'Moved on.', 'precondition_failed', { currentVersion: 9 }))).toEqual({
      status: 412,
      code: 'version_mismatch',
      detail: 'Moved on.',
      extensions: { currentVersion: 9 },
      retryAfterSeconds: undefined,
    });
  });

  it('rounds retryAfterSeconds up to whole seconds for Retry-After', () => {
    expect(problemFromError(new DomainError('position_not_reached', 'Wait.', 'unavailable', { retryAfterSeconds: 0.2 })).retryAfterSeconds).toBe(1);
  });

  it('maps the event store conflicts to 409, naming the current version of a concurrent write', () => {
    expect(problemFromError(new WrongExpectedVersionError('story-x', 3, 4))).toMatchObject({ status: 409, code: 'wrong_expected_version', extensions: { currentVersion: 4 } });
    expect(problemFromError(new EventIdConflictError('story-x'))).toMatchObject({ status: 409, code: 'event_id_conflict' });
  });

  it('keeps the status of Nest exceptions, with a code from the status or from the exception body', () => {
    expect(problemFromError(new ForbiddenException())).toMatchObject({ status: 403, code: 'forbidden' });
    expect(problemFromError(new PayloadTooLargeException())).toMatchObject({ status: 413, code: 'body_too_large' });
    expect(problemFromError(new NotFoundException('Cannot DELETE /x'))).toMatchObject({ status: 404, code: 'route_not_found', detail: 'No route answers DELETE /x.' });
    expect(problemFromError(new BadRequestException({ code: 'Not A Code', message: ['a', 'b'] }))).toMatchObject({ status: 400, code: 'bad_request', detail: 'a; b' });
    expect(problemFromError(new ForbiddenException({ code: 'role_not_allowed', message: 'Editors only.' }))).toMatchObject({ code: 'role_not_allowed', detail: 'Editors only.' });
  });

  it('answers 503 with Retry-After when the database cannot be reached', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const adminShutdown = Object.assign(new Error('query failed'), { driverError: Object.assign(new Error('terminating connection'), { code: '57P01' }) });
    for (const error of [refused, adminShutdown, new Error('Connection terminated unexpectedly')]) {
      expect(problemFromError(error)).toMatchObject({ status: 503, code: 'database_unavailable', retryAfterSeconds: 1 });
    }
  });

  it('answers anything else with a generic 500 marked as a server fault', () => {
    for (const error of [new Error('boom'), new InvalidAppendError('no events'), 'a string', null, Object.create(null)]) {
      expect(problemFromError(error)).toEqual({
        status: 500,
        code: 'internal_error',
        detail: 'The server failed to answer this request; it has been logged.',
        extensions: {},
        serverFault: true,
      });
    }
  });
});
