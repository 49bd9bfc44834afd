import { readBearerToken } from './bearer-token';

describe('readBearerToken', () => {
  it('reads the secret of a bearer header', () => {
    expect(readBearerToken('Bearer nd_abc-DEF_123')).toBe('nd_abc-DEF_123');
    expect(readBearerToken('bearer nd_abc')).toBe('nd_abc');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['no token', 'Bearer '],
    ['two tokens', 'Bearer one two'],
    ['token with odd characters', 'Bearer nd_a"b'],
    ['repeated header', ['Bearer a', 'Bearer b']],
    ['an absurdly long token', `Bearer ${'a'.repeat(600)}`],
  ])('refuses a %s header', (_case, header) => {
    expect(readBearerToken(header)).toBeUndefined();
  });
});
