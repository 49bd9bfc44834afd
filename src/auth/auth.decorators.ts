import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthenticatedRequest, Principal } from './principal';
import type { Role } from './roles';

export const REQUIRED_ROLE = 'newsdesk:required-role';
export const PUBLIC_ROUTE = 'newsdesk:public-route';

/**
 * The route (or every route of a controller) needs a key whose role can act as `role`:
 * 'consumer' → any role; 'reporter' → reporter or editor; 'editor' → editor; 'admin' → admin.
 * A method's decorator overrides its controller's.
 *
 * A route with neither `@RequireRole` nor `@Public` is refused to everyone but admins: forgetting
 * the decorator fails closed instead of opening a write route to every key.
 */
export const RequireRole = (role: Role): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLE, role);

/** The route needs no key (e.g. `GET /health`). Any `Authorization` header sent to it is ignored. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** The authenticated {@link Principal} of the request; `undefined` on `@Public()` routes. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | undefined => context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);
