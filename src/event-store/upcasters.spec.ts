import { MissingUpcasterError } from './event-store.errors';
import { Upcaster, UpcasterRegistry } from './upcasters';

// A first casualty schema kept the count as a bare number and the source as a plain name.
const figureFromCount: Upcaster = {
  type: 'CasualtiesReported',
  fromVersion: 1,
  upcast: ({ count, source, ...rest }) => ({ ...rest, figure: { min: count, max: count }, source }),
};
const sourceFromName: Upcaster = {
  type: 'CasualtiesReported',
  fromVersion: 2,
  upcast: ({ source, ...rest }) => ({ ...rest, source: { name: source } }),
};

describe('UpcasterRegistry', () => {
  it('knows each type current schema version: one past its newest upcaster, else 1', () => {
    const registry = new UpcasterRegistry([sourceFromName, figureFromCount]);
    expect(registry.currentVersion('CasualtiesReported')).toBe(3);
    expect(registry.currentVersion('StoryOpened')).toBe(1);
  });

  it('brings an old payload up step by step to the current shape', () => {
    const registry = new UpcasterRegistry([figureFromCount, sourceFromName]);
    expect(registry.upcast('CasualtiesReported', 1, { party: 'soldiers', count: 33, source: 'Governor of the province' })).toEqual({
      schemaVersion: 3,
      data: { party: 'soldiers', figure: { min: 33, max: 33 }, source: { name: 'Governor of the province' } },
    });
    expect(registry.upcast('CasualtiesReported', 2, { figure: { min: 9 }, source: 'Ministry' })).toEqual({
      schemaVersion: 3,
      data: { figure: { min: 9 }, source: { name: 'Ministry' } },
    });
  });

  it('leaves current payloads and types without upcasters untouched', () => {
    const registry = new UpcasterRegistry([figureFromCount]);
    const data = { figure: { min: 1, max: 1 } };
    expect(registry.upcast('CasualtiesReported', 2, data)).toEqual({ schemaVersion: 2, data });
    expect(registry.upcast('StoryOpened', 1, { slug: 's' })).toEqual({ schemaVersion: 1, data: { slug: 's' } });
  });

  it('refuses a gap in the chain and two upcasters for the same step', () => {
    expect(() => new UpcasterRegistry([sourceFromName]).upcast('CasualtiesReported', 1, {})).toThrow(MissingUpcasterError);
    expect(() => new UpcasterRegistry([figureFromCount, figureFromCount])).toThrow(/Two upcasters/);
  });
});
