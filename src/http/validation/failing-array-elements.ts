import { getMetadataStorage, ValidationArguments } from 'class-validator';

/**
 * The indices of the elements of `value` that break `constraint`, for a rule declared with
 * `{ each: true }` (e.g. `@IsString({ each: true }) bylines`). class-validator reports such a rule
 * once for the whole array; re-running the rule on each element lets the error name `bylines.2`
 * instead of `bylines`. Undefined when the rule cannot be found or re-run synchronously.
 */
export function failingArrayElements(target: object | undefined, property: string, constraint: string, value: unknown): number[] | undefined {
  if (!target || !Array.isArray(value)) return undefined;
  const storage = getMetadataStorage();
  const metadatas = storage
    .getTargetValidationMetadatas(target.constructor, '', false, false)
    .filter((metadata) => metadata.propertyName === property && metadata.each);
  for (const metadata of metadatas) {
    for (const rule of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
      if ((rule.name || metadata.type) !== constraint) continue;
      const args: ValidationArguments = { targetName: target.constructor.name, property, object: target, value, constraints: metadata.constraints };
      const verdicts = value.map((element: unknown) => rule.instance.validate(element, args));
      if (verdicts.some((verdict) => typeof verdict !== 'boolean')) return undefined;
      const failing = verdicts.flatMap((verdict, index) => (verdict ? [] : [index]));
      return failing.length > 0 ? failing : undefined;
    }
  }
  return undefined;
}
