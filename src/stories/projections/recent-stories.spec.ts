import { RecentStories } from './recent-stories';

describe('RecentStories', () => {
  it('keeps at most `capacity` stories, the least recently used going first', () => {
    const recent = new RecentStories<string>(2);
    recent.remember('a', 'A');
    recent.remember('b', 'B');
    expect(recent.get('a')).toBe('A');
    recent.remember('c', 'C');

    expect([recent.get('a'), recent.get('b'), recent.get('c')]).toEqual(['A', undefined, 'C']);
  });

  it('keeps at most `maxWeight` in all, evicting the least recently used, but always the value just remembered', () => {
    const recent = new RecentStories<number>(10, (reports) => reports, 100);
    recent.remember('a', 40);
    recent.remember('b', 40);
    recent.remember('c', 30);
    expect(recent.usage).toEqual({ stories: 2, weight: 70 });
    expect(recent.get('a')).toBeUndefined();

    recent.remember('huge', 500);
    expect(recent.usage).toEqual({ stories: 1, weight: 500 });
    expect(recent.get('huge')).toBe(500);
  });

  it('weighs a value again when it is remembered again, and take() gives it up with its weight', () => {
    const recent = new RecentStories<number>(10, (reports) => reports, 100);
    recent.remember('a', 10);
    recent.remember('a', 60);
    expect(recent.usage).toEqual({ stories: 1, weight: 60 });

    expect(recent.take('a')).toBe(60);
    expect(recent.usage).toEqual({ stories: 0, weight: 0 });
    expect(recent.take('a')).toBeUndefined();
  });
});
