import { CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { map, Observable } from 'rxjs';

/** `"7"`: the strong entity tag of story version 7, as `If-Match` accepts it back. */
export function versionETag(version: number): string {
  return `"${version}"`;
}

/** Sets `ETag: "<version>"` on a response. */
export function setVersionETag(response: Pick<Response, 'setHeader'>, version: number): void {
  response.setHeader('ETag', versionETag(version));
}

/** Sets `ETag` from the `version` of whatever the handler returns (e.g. a write's `{ storyId, eventId, version, position }`). */
@Injectable()
export class VersionETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((result: unknown) => {
        const version = (result as { version?: unknown } | null)?.version;
        if (typeof version === 'number' && Number.isSafeInteger(version)) {
          setVersionETag(context.switchToHttp().getResponse<Response>(), version);
        }
        return result;
      }),
    );
  }
}

/** Method decorator: the route answers `ETag: "<version>"` taken from the `version` it returns. */
export const RespondsWithVersionETag = () => UseInterceptors(VersionETagInterceptor);
