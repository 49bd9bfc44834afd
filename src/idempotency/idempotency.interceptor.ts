import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, concatMap, Observable, of } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/principal';
import { IdempotencyClaim, IdempotencyKeyStore } from './idempotency-key.store';
import { IDEMPOTENT_REPLAYED_HEADER, readIdempotencyKey } from './idempotency-key-header';
import { attachKeyedWrite, idempotentEventId } from './idempotent-event-id';
import { requestFingerprint } from './request-fingerprint';

/** Response headers stored with an answer and repeated on replay. */
export const REPLAYED_RESPONSE_HEADERS = ['etag', 'location'] as const;

/**
 * Applies `Idempotency-Key` to a write route (use `@Idempotent()`). Without the header the route runs
 * as usual. With it, keys are kept per principal, and:
 * - the first request runs and, when it succeeds, its status, body and ETag/Location are stored;
 * - a retry of the same request (method, path, body) gets that answer again with
 *   `Idempotent-Replayed: true`, and runs nothing; concurrent retries wait for the first;
 * - the same key with another request is refused with 409 `idempotency_key_reused`.
 *
 * A keyed write appends under an event id derived from the key's claim ({@link idempotentEventId}),
 * so a request run again after its first run's answer was lost (the process died between the append
 * and storing the answer, and the retry took the claim over) finds the event it appended rather than
 * appending another.
 *
 * Only successful answers are stored. A request that fails (validation, 404, 409, 412, 422, 503…)
 * wrote nothing, so its key is released and a retry runs it afresh: storing a failure would make a
 * retry repeat a 503 after the database is back, or a 412 after the client fixed nothing but waited.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(private readonly store: IdempotencyKeyStore) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = readIdempotencyKey(request.headers['idempotency-key']);
    if (key === undefined) return next.handle();
    if (!request.principal) throw new Error('@Idempotent() needs an authenticated route: keys are kept per principal');

    const fingerprint = requestFingerprint({ method: request.method, path: request.originalUrl, body: request.body });
    const outcome = await this.store.claim(request.principal.keyId, key, fingerprint);
    if (outcome.kind === 'replay') {
      response.status(outcome.response.status);
      for (const [name, value] of Object.entries(outcome.response.headers)) response.setHeader(name, value);
      response.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
      return of(outcome.response.body);
    }
    const claim = outcome.claim;
    attachKeyedWrite(request, { eventId: idempotentEventId(request.principal.keyId, key, fingerprint, claim.claimedAt), mayBeStored: claim.takenOver });
    return next.handle().pipe(
      concatMap(async (body) => {
        await this.record(claim, response, body);
        return body;
      }),
      catchError(async (error: unknown) => {
        await this.store.release(claim).catch((releaseError: Error) => this.logger.warn(`Could not release Idempotency-Key "${claim.key}": ${releaseError.message}`));
        throw error;
      }),
    );
  }

  /**
   * The write has happened: failing to store its answer must not turn it into an error for the client.
   * The key then stays claimed until its lease runs out, after which a retry would run again.
   */
  private async record(claim: IdempotencyClaim, response: Response, body: unknown): Promise<void> {
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_RESPONSE_HEADERS) {
      const value = response.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    try {
      const stored = await this.store.complete(claim, { status: response.statusCode, headers, body });
      if (!stored) this.logger.warn(`Idempotency-Key "${claim.key}" was taken over while its first request ran; its answer was not stored`);
    } catch (error) {
      this.logger.error(`Could not store the answer for Idempotency-Key "${claim.key}": ${(error as Error).message}`);
    }
  }
}
