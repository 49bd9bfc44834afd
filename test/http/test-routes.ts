import { Public } from '../../src/auth/auth.decorators';
import { Body, Controller, Get, HttpCode, Module, Param, Post, UnauthorizedException } from '@nestjs/common';
import { IsDateString, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Min } from 'class-validator';
import { DomainError, ErrorKind } from '../../src/errors/domain-error';
import { WrongExpectedVersionError } from '../../src/event-store/event-store.errors';
import { IfMatchVersion, NestedObject, NestedObjectArray, RequestContext, RespondsWithVersionETag } from '../../src/http';

/* Test-only routes exercising the HTTP core, through its public entry point, with DTOs shaped like the real ones. */

export class FigureRequest {
  @IsInt() @Min(0) min!: number;
  @IsOptional() @IsInt() @Min(0) max?: number;
  @IsOptional() @IsString() wording?: string;
}

export class SourceRequest {
  @IsString() @IsNotEmpty() name!: string;
  @IsOptional() @IsString() role?: string;
}

export class SpeakerRequest {
  @IsString() @IsNotEmpty() name!: string;
  @IsOptional() @IsString() organization?: string;
}

export class ReportRequest {
  @IsString() @IsNotEmpty() party!: string;
  @IsIn(['killed', 'wounded', 'missing', 'captured', 'displaced']) category!: string;
  @NestedObject(() => FigureRequest) figure!: FigureRequest;
  @NestedObject(() => SourceRequest) source!: SourceRequest;
  @IsDateString() asOf!: string;
  @IsOptional() @IsString({ each: true }) bylines?: string[];
  @IsOptional() @NestedObjectArray(() => SpeakerRequest) speakers?: SpeakerRequest[];
}

export class NoteRequest {
  @IsOptional() @IsString() note?: string;
}

// Public: these suites test the HTTP layer, not keys (test/auth covers those).
@Public()
@Controller('test-echo')
export class TestEchoController {
  @Post('reports')
  report(@Body() body: ReportRequest, @RequestContext() context: RequestContext) {
    return { received: body, isReportRequest: body instanceof ReportRequest, figureIsFigureRequest: body.figure instanceof FigureRequest, context };
  }

  @Post('notes')
  @HttpCode(201)
  note(@Body() body: NoteRequest) {
    return { note: body.note ?? null };
  }

  @Post('versioned')
  @RespondsWithVersionETag()
  versioned(@IfMatchVersion() expectedVersion: number | undefined) {
    return { expectedVersion: expectedVersion ?? null, version: (expectedVersion ?? 0) + 1 };
  }

  @Get('context')
  context(@RequestContext() context: RequestContext) {
    return context;
  }

  @Get('domain-error/:kind')
  domainError(@Param('kind') kind: ErrorKind) {
    const details: Record<ErrorKind, Record<string, unknown>> = {
      invalid_input: {},
      not_found: {},
      conflict: {},
      precondition_failed: { currentVersion: 7 },
      rule_violated: { errors: [{ field: 'figure', message: 'min must not exceed max' }] },
      unavailable: { retryAfterSeconds: 2, position: 41 },
    };
    throw new DomainError(`test_${kind}`, `A ${kind} test error.`, kind, details[kind]);
  }

  @Get('wrong-expected-version')
  wrongExpectedVersion() {
    throw new WrongExpectedVersionError('story-00000000-0000-4000-8000-000000000000', 3, 5);
  }

  @Get('unauthorized')
  unauthorized() {
    throw new UnauthorizedException({ code: 'missing_api_key', message: 'Send Authorization: Bearer <key>.' });
  }

  @Get('crash')
  crash() {
    throw new Error('connection string postgres://secret@internal/db');
  }
}

@Module({ controllers: [TestEchoController] })
export class TestRoutesModule {}

/** A body the report route accepts. */
export function validReport(): Record<string, unknown> {
  return {
    party: 'Turkish forces',
    category: 'killed',
    figure: { min: 33, max: 33 },
    source: { name: 'Provincial governor', role: 'governor' },
    asOf: '2020-02-28T06:00:00Z',
    bylines: ['First Reporter', 'Second Reporter'],
    speakers: [{ name: 'A spokesperson' }],
  };
}
