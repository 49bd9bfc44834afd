import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ProblemDetailsFilter } from './problem-details/problem-details.filter';
import { RequestValidationPipe } from './validation/request-validation.pipe';

/**
 * What every route shares inside Nest: the problem-details filter and the validation pipe.
 * Express-level concerns (request ids, rate limit, body parsing, /docs) are installed by
 * `installHttpPipeline`, called from `createApp`.
 */
@Module({
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_PIPE, useClass: RequestValidationPipe },
  ],
})
export class HttpCoreModule {}
