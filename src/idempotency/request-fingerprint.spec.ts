import { canonicalJson, requestFingerprint } from './request-fingerprint';

describe('requestFingerprint', () => {
  const base = { method: 'POST', path: '/stories/1/statements', body: { text: 'x', speaker: { name: 'A', role: 'governor' } } };

  it('is the same for bodies that differ only in key order, at any depth', () => {
    const reordered = { ...base, body: { speaker: { role: 'governor', name: 'A' }, text: 'x' } };
    expect(requestFingerprint(reordered)).toBe(requestFingerprint(base));
    expect(canonicalJson(reordered.body)).toBe('{"speaker":{"name":"A","role":"governor"},"text":"x"}');
  });

  it.each([
    ['method', { ...base, method: 'PUT' }],
    ['path', { ...base, path: '/stories/2/statements' }],
    ['a nested value', { ...base, body: { text: 'x', speaker: { name: 'B', role: 'governor' } } }],
    ['array order', { ...base, body: { ...base.body, tags: [2, 1] } }],
  ])('changes with the %s', (_what, other) => {
    expect(requestFingerprint(other)).not.toBe(requestFingerprint(base));
  });

  it('keeps array order significant', () => {
    expect(canonicalJson([2, 1])).toBe('[2,1]');
  });
});
