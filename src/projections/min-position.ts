import { DomainError } from '../errors/domain-error';

/** `?minPosition=N`: absent, or a whole number ≥ 0; anything else is the client's mistake. */
export function parseMinPosition(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'string' && /^\d{1,15}$/.test(raw)) return Number(raw);
  throw new DomainError('invalid_min_position', 'minPosition must be a whole number ≥ 0 (a position a write answered with)', 'invalid_input', {
    field: 'minPosition',
    errors: [{ field: 'minPosition', message: 'must be a whole number ≥ 0' }],
  });
}
