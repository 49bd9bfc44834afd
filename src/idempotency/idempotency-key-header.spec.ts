import { DomainError } from '../errors/domain-error';
import { readIdempotencyKey } from './idempotency-key-header';

describe('readIdempotencyKey', () => {
  it('reads a key, and nothing when there is none', () => {
    expect(readIdempotencyKey('3f0c7a1e-retry key #1')).toBe('3f0c7a1e-retry key #1');
    expect(readIdempotencyKey('k'.repeat(200))).toHaveLength(200);
    expect(readIdempotencyKey(undefined)).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(201)],
    ['a control character', 'abc\u0007'],
    ['non-ASCII', 'clé'],
    ['sent twice', ['a', 'b']],
  ])('refuses a key that is %s with a 400-kind error naming the header', (_case, value) => {
    let thrown: unknown;
    try {
      readIdempotencyKey(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: 'invalid_idempotency_key', kind: 'invalid_input', details: { header: 'Idempotency-Key' } });
  });
});
