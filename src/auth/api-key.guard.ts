import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { PUBLIC_ROUTE, REQUIRED_ROLE } from './auth.decorators';
import { readBearerToken } from './bearer-token';
import type { AuthenticatedRequest } from './principal';
import { canActAs, Role } from './roles';

/** What a route without `@RequireRole` or `@Public` requires: fail closed. */
const UNDECLARED_ROUTE_ROLE: Role = 'admin';

/**
 * The global guard: every controller route needs `Authorization: Bearer <secret>` unless it is
 * `@Public()`. 401 (with `WWW-Authenticate: Bearer`) when the key is missing, malformed, unknown or
 * revoked; 403 when the key's role may not use the route (see `canActAs`). Routes served outside Nest's
 * router (Swagger's `/docs`) never reach a guard.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const header = request.headers.authorization;
    const secret = readBearerToken(header);
    if (secret === undefined) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="newsdesk"');
      throw new UnauthorizedException(
        header === undefined ? 'This route needs an API key: send Authorization: Bearer <key>.' : 'The Authorization header must be "Bearer <key>".',
      );
    }
    const principal = await this.authenticator.authenticate(secret);
    if (!principal) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="newsdesk", error="invalid_token"');
      throw new UnauthorizedException('The API key is unknown or has been revoked.');
    }
    request.principal = principal;

    const required = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets) ?? UNDECLARED_ROUTE_ROLE;
    if (!canActAs(principal.role, required)) {
      throw new ForbiddenException(`A ${principal.role} key may not do this: it needs the ${required} role${required === 'reporter' ? ' (or editor)' : ''}.`);
    }
    return true;
  }
}
