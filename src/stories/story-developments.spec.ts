import { describe, expect, it } from '@jest/globals';
import { evolve, foldStory } from './story';
import { EVENT_IDS, ministerStatement, soldiersKilled, soldiersWounded, storyOpened } from '../../test/support/story-fixtures';

const opened = { ...storyOpened, version: 1 };
const killed = { ...soldiersKilled, version: 2 };
const retractKilled = {
  eventId: EVENT_IDS.retraction,
  version: 3,
  type: 'DevelopmentRetracted' as const,
  data: { targetEventId: EVENT_IDS.soldiersKilled, targetType: 'CasualtiesReported' as const, reason: 'Unverified.' },
};

describe('story developments shared between states of one stream', () => {
  it('keeps each state as it was when two different events are folded from it', () => {
    const base = foldStory([opened, killed]);
    const retracted = evolve(base, retractKilled);
    const wounded = evolve(base, { ...soldiersWounded, version: 3 });
    expect(retracted.developments.get(EVENT_IDS.soldiersKilled)?.retracted).toBe(true);
    expect(retracted.developments.has(EVENT_IDS.soldiersWounded)).toBe(false);
    expect(wounded.developments.get(EVENT_IDS.soldiersKilled)?.retracted).toBe(false);
    expect(wounded.developments.has(EVENT_IDS.retraction)).toBe(false);
    expect([...wounded.developments.keys()]).toEqual([EVENT_IDS.opened, EVENT_IDS.soldiersKilled, EVENT_IDS.soldiersWounded]);
    expect(base.developments.size).toBe(2);
    expect([...base.developments.values()].map((development) => development.retracted)).toEqual([false, false]);
  });

  it('gives the same answers when the same events are folded twice from one state', () => {
    const base = foldStory([opened, killed]);
    const first = evolve(evolve(base, retractKilled), { ...ministerStatement, version: 4 });
    const second = evolve(evolve(base, retractKilled), { ...ministerStatement, version: 4 });
    expect([...second.developments.entries()]).toEqual([...first.developments.entries()]);
    expect(second.developments.size).toBe(4);
    expect(base.developments.get(EVENT_IDS.soldiersKilled)?.retracted).toBe(false);
  });

  it('folds a 20,000-event story, every development counted once', () => {
    const events = [opened, ...Array.from({ length: 20_000 }, (_, index) => ({ ...soldiersKilled, eventId: `id-${index}`, version: index + 2 }))];
    const state = foldStory(events);
    expect(state.version).toBe(20_001);
    expect(state.developments.size).toBe(20_001);
    expect(state.developments.get('id-0')?.version).toBe(2);
  });
});
