import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

interface TextOptions {
  max: number;
  example?: string;
  description?: string;
  /** Allow '' (after trimming), e.g. to clear a dek in a revision. */
  allowEmpty?: boolean;
}

/** A required text field: trimmed, non-empty, at most `max` characters. */
export function RequiredText(options: TextOptions): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ maxLength: options.max, example: options.example, description: options.description }),
    Transform(trim),
    IsString(),
    IsNotEmpty({ message: '$property must not be empty' }),
    MaxLength(options.max),
  );
}

/** An optional text field: trimmed, at most `max` characters, non-empty unless `allowEmpty`. */
export function OptionalText(options: TextOptions): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ maxLength: options.max, example: options.example, description: options.description }),
    IsOptional(),
    Transform(trim),
    IsString(),
    ...(options.allowEmpty ? [] : [IsNotEmpty({ message: '$property must not be empty' })]),
    MaxLength(options.max),
  );
}

/** Copies the defined fields only, so optional fields the client left out stay absent. */
export function definedFields<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
