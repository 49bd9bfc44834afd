import { Controller, Get, Module, Post } from '@nestjs/common';
import { CurrentPrincipal, Public, RequireRole } from '../../src/auth/auth.decorators';
import type { Principal } from '../../src/auth/principal';

/** Test-only routes, one per kind of access rule. */
@Controller('probe')
class RoleProbeController {
  @Get('public')
  @Public()
  open(@CurrentPrincipal() principal: Principal | undefined) {
    return { principal: principal ?? null };
  }

  @Get('consumer')
  @RequireRole('consumer')
  read(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Post('reporter')
  @RequireRole('reporter')
  report(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Post('editor')
  @RequireRole('editor')
  edit(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Post('admin')
  @RequireRole('admin')
  administer(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Get('undeclared')
  undeclared() {
    return { reached: true };
  }
}

/** A controller-wide role, overridden by one method. */
@Controller('probe-editor-desk')
@RequireRole('editor')
class EditorDeskProbeController {
  @Post()
  write() {
    return { reached: 'editor-only' };
  }

  @Get()
  @RequireRole('consumer')
  read() {
    return { reached: 'anyone' };
  }
}

@Module({ controllers: [RoleProbeController, EditorDeskProbeController] })
export class RoleProbeModule {}
