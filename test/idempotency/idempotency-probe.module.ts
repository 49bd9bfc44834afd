import { ArgumentsHost, Body, Catch, ExceptionFilter, HttpCode, HttpException, Module, Post, Res, UseFilters, Controller } from '@nestjs/common';
import type { Response } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { RequireRole } from '../../src/auth/auth.decorators';
import { DomainError, ErrorKind } from '../../src/errors/domain-error';
import { Idempotent } from '../../src/idempotency/idempotent.decorator';

/** What the probe route did; tests reset and read it. */
export const probe = { runs: 0, failNext: 0 };

const STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  rule_violated: 422,
  unavailable: 503,
};

/**
 * Stand-in for the service's problem-details filter (built in src/http/ by another room) so these
 * tests can read the status a DomainError maps to. Scoped to the probe controller only.
 */
@Catch()
class DomainErrorStatusFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof DomainError) response.status(STATUS_OF_KIND[error.kind]).json({ code: error.code, ...error.details });
    else if (error instanceof HttpException) response.status(error.getStatus()).json(error.getResponse());
    else response.status(500).json({ message: String(error) });
  }
}

/** A write route like the story routes will be: reporter role, `@Idempotent()`, 201 with an ETag. */
@Controller('probe-writes')
@UseFilters(DomainErrorStatusFilter)
class IdempotencyProbeController {
  @Post()
  @RequireRole('reporter')
  @Idempotent()
  @HttpCode(201)
  async write(@Body() body: { delayMs?: number }, @Res({ passthrough: true }) response: Response) {
    if (body.delayMs) await sleep(body.delayMs);
    probe.runs += 1;
    if (probe.failNext > 0) {
      probe.failNext -= 1;
      throw new DomainError('probe_failed', 'The probe was told to fail.', 'rule_violated');
    }
    response.setHeader('ETag', `"${probe.runs}"`);
    response.setHeader('X-Not-Replayed', 'per-request');
    return { run: probe.runs, received: body };
  }
}

@Module({ controllers: [IdempotencyProbeController] })
export class IdempotencyProbeModule {}
