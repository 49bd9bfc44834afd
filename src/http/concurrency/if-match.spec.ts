import { HttpProblem } from '../problem-details/http-problem';
import { parseIfMatch } from './if-match';

describe('parseIfMatch', () => {
  it.each([
    ['"7"', 7],
    ['W/"7"', 7],
    ['"0"', 0],
    ['  "12"  ', 12],
    ['"9007199254740991"', 9007199254740991],
  ])('reads %s as version %d', (header, version) => {
    expect(parseIfMatch(header)).toBe(version);
  });

  it('reads no header, and *, as no version to check', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('*')).toBeUndefined();
  });

  it.each(['7', '"07"', '"-1"', '"7.5"', '"seven"', '"7", "8"', 'w/"7"', '"9007199254740992"', '""', '', '"7" x', "'7'"])(
    'refuses %j with a 400 naming If-Match',
    (header) => {
      let thrown: unknown;
      try {
        parseIfMatch(header);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(HttpProblem);
      const problem = thrown as HttpProblem;
      expect(problem.getStatus()).toBe(400);
      expect(problem.code).toBe('invalid_header');
      expect(problem.extensions.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
    },
  );
});
