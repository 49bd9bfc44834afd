import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsObject, ValidateNested } from 'class-validator';

type DtoClass = new () => object;

/**
 * A property holding one nested DTO: `@NestedObject(() => FigureRequest) figure!: FigureRequest`.
 * `@ValidateNested` alone would accept an array of such objects, and `@Type` alone would let a
 * string through; together with `@IsObject` only an object validated as the DTO passes.
 */
export function NestedObject(dto: () => DtoClass): PropertyDecorator {
  return applyDecorators(IsObject(), ValidateNested(), Type(dto));
}

/** A property holding an array of nested DTOs, each validated and named by index (`sources.2.name`). */
export function NestedObjectArray(dto: () => DtoClass): PropertyDecorator {
  return applyDecorators(IsArray(), IsObject({ each: true }), ValidateNested({ each: true }), Type(dto));
}
