import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { HttpProblem } from '../problem-details/http-problem';

const ONE_MINUTE_MS = 60_000;
const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * The global rate limit: `perMinute` requests per caller per one-minute window, across every
 * route, counted before the body is read. A caller is its API key when it sends one (hashed, so
 * keys are never held in memory as map keys), else its address (an IPv6 /56 counts as one).
 * Over the limit → 429 `rate_limited` with `Retry-After`. Counters live in this process: with
 * several API instances each one limits on its own.
 */
export function rateLimitMiddleware(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: ONE_MINUTE_MS,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: callerOf,
    handler: (request, _response, next) => {
      const resetTime = (request as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfterSeconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + ONE_MINUTE_MS) - Date.now()) / 1000));
      next(new HttpProblem(429, 'rate_limited', `More than ${perMinute} requests in a minute: retry in ${retryAfterSeconds} s.`, { retryAfterSeconds }));
    },
  });
}

/** `key:<sha256 of the bearer key>` or `ip:<address>`. */
export function callerOf(request: Request): string {
  const authorization = request.headers.authorization;
  const key = authorization ? BEARER.exec(authorization)?.[1] : undefined;
  if (key) return `key:${createHash('sha256').update(key).digest('hex')}`;
  return `ip:${ipKeyGenerator(request.ip ?? 'unknown')}`;
}
