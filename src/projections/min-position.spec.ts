import { DomainError } from '../errors/domain-error';
import { parseMinPosition } from './min-position';

describe('parseMinPosition', () => {
  it('reads an absent parameter as no wait, and a whole number as the position to wait for', () => {
    expect(parseMinPosition(undefined)).toBeUndefined();
    expect(parseMinPosition('0')).toBe(0);
    expect(parseMinPosition('1234')).toBe(1234);
  });

  it.each([[''], ['-1'], ['1.5'], ['12abc'], [' 3'], ['1e3'], ['9999999999999999'], [['1', '2']], [{ a: '1' }]])(
    'refuses %j as invalid input naming the field',
    (raw) => {
      const error = (() => {
        try {
          parseMinPosition(raw);
        } catch (thrown) {
          return thrown;
        }
      })();
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'invalid_min_position', kind: 'invalid_input', details: { field: 'minPosition', errors: [{ field: 'minPosition', message: 'must be a whole number ≥ 0' }] } });
    },
  );
});
