import { Controller, Get } from '@nestjs/common';
import { CurrentPrincipal, RequireRole } from './auth.decorators';
import type { Principal } from './principal';

/** `GET /auth/whoami`: which key and role a request is authenticated as; the first thing to try with a new key. */
@Controller('auth')
export class WhoAmIController {
  @Get('whoami')
  @RequireRole('consumer')
  whoAmI(@CurrentPrincipal() principal: Principal): Principal {
    return { keyId: principal.keyId, name: principal.name, role: principal.role };
  }
}
